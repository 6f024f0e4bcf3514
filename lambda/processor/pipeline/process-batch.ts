import type { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamBatchResponse, KinesisStreamRecord } from 'aws-lambda';
import type { UserLimitStore } from '../../store/user-limit-store';
import type { Deadline } from './deadline';
import type { Outcome } from './outcome';
import { processRecord } from './process-record';
import { isDebugEnabled, logFailed } from './record-log';

/** What one batch gave: an outcome per record, in order, and Lambda's response. */
export interface BatchResult {
  outcomes: Outcome[];
  response: KinesisStreamBatchResponse;
}

/**
 * Processes records strictly in order. On the first store failure it stops:
 * that record is reported (Lambda retries from it, keeping per-user order),
 * and it and every record after it count as `failed` for this invocation.
 *
 * With a `deadline`, the whole batch races it once (no per-record cost): the
 * record still in progress when it passes fails the same way. The abandoned
 * loop may wake up later; it then stops without touching the result.
 */
export const processBatch = async (
  records: readonly KinesisStreamRecord[],
  store: UserLimitStore,
  logger: Logger,
  deadline?: Deadline,
): Promise<BatchResult> => {
  const outcomes: Outcome[] = [];
  const debug = isDebugEnabled(logger);
  const failAtCurrent = (error: unknown): BatchResult => {
    const record = records[outcomes.length]!;
    logFailed(logger, record, error, records.length - outcomes.length - 1);
    const failed: Outcome[] = [...outcomes];
    while (failed.length < records.length) failed.push('failed');
    return { outcomes: failed, response: { batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] } };
  };
  const run = async (): Promise<BatchResult | undefined> => {
    for (const record of records) {
      let outcome: Outcome;
      try {
        outcome = await processRecord(record, store, logger, debug);
      } catch (error) {
        return deadline?.passed ? undefined : failAtCurrent(error);
      }
      if (deadline?.passed) return undefined;
      outcomes.push(outcome);
    }
    return { outcomes, response: { batchItemFailures: [] } };
  };
  if (deadline === undefined) return (await run())!;
  try {
    return (await Promise.race([run(), deadline.expired]))!;
  } catch (error) {
    return failAtCurrent(error);
  }
};
