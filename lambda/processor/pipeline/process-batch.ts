import type { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamBatchResponse } from 'aws-lambda';
import type { UserLimitStore } from '../../store/user-limit-store';
import { BatchState, type LimitSlot } from './batch-state';
import { type Deadline, withinDeadline } from './deadline';
import { UnreportableFailureError } from './errors';
import { keepUntilNextBatch } from './hidden-classes';
import { kinesisFieldsOf } from './kinesis-fields';
import type { Outcome } from './outcome';
import { applyRecord, logSettled, type ReadRecord, readRecord, type SettledRecord } from './process-record';
import { isDebugEnabled, logFailed } from './record-log';

/**
 * Records read (and their working set loaded) at a time. The whole batch
 * read first would keep every record's validated event alive until the apply
 * step, and that retention doubled the garbage collector's share of a
 * 10,000-record batch (README, "The store seam"); 1,000 at a time keeps it
 * young, at the price of at most one load call per 1,000 records, each item
 * still read once per batch.
 */
export const READ_CHUNK = 1_000;

/** What one batch gave: an outcome per record, in order, Lambda's response, and the progress gaps it logged. */
export interface BatchResult {
  outcomes: Outcome[];
  response: KinesisStreamBatchResponse;
  progressGaps: number;
}

/**
 * A batch, top to bottom:
 * 1. read the records (decode, envelope, route, payload, key size), {@link READ_CHUNK} at a time;
 * 2. load the watermarks and limits their events touch that no earlier chunk loaded (each item once per batch);
 * 3. apply the rules in record order, in memory; then the next chunk;
 * 4. commit once: at most one conditional write per touched item.
 *
 * A store failure (load or commit throws, a write fails, the deadline passes)
 * fails the batch from the earliest record whose effect is not durable: that
 * record is reported (Lambda retries from it, keeping per-user order), and it
 * and every record after it count as `failed`. What comes back on the retry
 * is harmless: the watermark and each limit's sequence number recognize it.
 */
export const processBatch = async (
  records: readonly unknown[],
  store: UserLimitStore,
  logger: Logger,
  deadline?: Deadline,
): Promise<BatchResult> => {
  const debug = isDebugEnabled(logger);
  const state = new BatchState();
  // Sized once: grown by push, the outcomes array was copied a dozen times per 10,000 records.
  const outcomes = new Array<Outcome>(records.length);
  // One pair of chunk arrays for the batch, refilled per chunk: `chunkLength` entries are the current chunk's.
  const read = new Array<ReadRecord>(Math.min(READ_CHUNK, records.length));
  const slots = new Array<LimitSlot | undefined>(read.length);
  for (let start = 0; start < records.length; start += READ_CHUNK) {
    const chunkLength = Math.min(READ_CHUNK, records.length - start);
    for (let offset = 0; offset < chunkLength; offset += 1) {
      const entry = readRecord(records[start + offset], store);
      read[offset] = entry;
      slots[offset] = entry.kind === 'event' ? state.slotFor(entry.userId, entry.userLimitId) : undefined;
    }
    const request = state.takeRequest();
    if (request !== undefined) {
      try {
        state.absorb(await withinDeadline(store.load(request), deadline));
      } catch (error) {
        // The chunk's records before its first event needed no store: they settle as read.
        let firstEvent = start;
        while (read[firstEvent - start]!.kind !== 'event') {
          outcomes[firstEvent] = logSettled(read[firstEvent - start] as SettledRecord, logger, debug);
          firstEvent += 1;
        }
        // Nothing is committed yet: what earlier chunks changed is not durable either.
        const failed = failFrom(Math.min(firstEvent, state.firstChangingRecord() ?? firstEvent), error, outcomes, records, logger);
        return { ...failed, progressGaps: state.progressGaps };
      }
    }
    for (let offset = 0; offset < chunkLength; offset += 1) {
      const entry = read[offset]!;
      outcomes[start + offset] =
        entry.kind === 'settled'
          ? logSettled(entry, logger, debug)
          : applyRecord(entry, slots[offset]!, start + offset, state, store, logger, debug);
    }
  }

  keepUntilNextBatch(state, read);
  let firstNotDurable: number | undefined;
  let commitError: unknown;
  try {
    const { failed } = await withinDeadline(store.commit(state.changes()), deadline);
    firstNotDurable = state.firstRecordIn(failed);
    commitError = failed[0]?.error;
  } catch (error) {
    firstNotDurable = state.firstChangingRecord();
    commitError = error;
  }
  const result = firstNotDurable === undefined ? succeeded(outcomes) : failFrom(firstNotDurable, commitError, outcomes, records, logger);
  return { ...result, progressGaps: state.progressGaps };
};

const succeeded = (outcomes: Outcome[]): Omit<BatchResult, 'progressGaps'> => ({ outcomes, response: { batchItemFailures: [] } });

/**
 * Fails the batch from record `index`: it and everything after count as
 * `failed`. Lambda gets that record's sequence number; a record without one
 * (Lambda never sends such a record) is reported through the nearest earlier
 * record that has one, which is safe because a redelivery is harmless. With
 * none, the whole batch must be retried: throwing is how a function says so.
 */
const failFrom = (
  index: number,
  error: unknown,
  outcomes: readonly Outcome[],
  records: readonly unknown[],
  logger: Logger,
): Omit<BatchResult, 'progressGaps'> => {
  logFailed(logger, records[index], error, records.length - index - 1);
  let reported = index;
  while (reported >= 0 && !kinesisFieldsOf(records[reported]).sequenceNumber) reported -= 1;
  if (reported < 0) throw new UnreportableFailureError();
  const failed = outcomes.slice(0, index);
  while (failed.length < records.length) failed.push('failed');
  return {
    outcomes: failed,
    response: { batchItemFailures: [{ itemIdentifier: kinesisFieldsOf(records[reported]).sequenceNumber! }] },
  };
};
