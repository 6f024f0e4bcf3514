/**
 * A store failure at a record that carries no `kinesis.sequenceNumber`, with
 * no earlier record that does: nothing in the batch can be reported without
 * risking the failed record being skipped. Thrown so that Lambda retries the
 * whole batch (redeliveries are harmless).
 */
export class UnreportableFailureError extends Error {
  override name = 'UnreportableFailureError';

  constructor() {
    super('store failure at a record without kinesis.sequenceNumber and none before it: the whole batch must be retried');
  }
}

/**
 * The store's working set does not answer the request: another number of
 * watermarks or limits than were asked for. Treated as a failed load (the
 * batch fails from its first record that needed the store), never guessed at.
 */
export class WorkingSetMismatchError extends Error {
  override name = 'WorkingSetMismatchError';

  constructor(users: number, limits: number, answer: { watermarks: readonly unknown[]; limits: readonly unknown[] }) {
    super(
      `store answered ${answer.watermarks.length} watermarks and ${answer.limits.length} limits for a request of ${users} users and ${limits} limits`,
    );
  }
}
