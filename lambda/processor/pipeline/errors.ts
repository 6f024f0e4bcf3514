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
