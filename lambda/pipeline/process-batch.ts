import type { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamBatchResponse, KinesisStreamRecord } from 'aws-lambda';
import type { UserLimitStore } from '../store/user-limit-store';
import { beforeDeadline, type Deadline } from './deadline';
import type { Outcome } from './outcome';
import { processRecord } from './process-record';
import { logFailed } from './record-log';

/** What one batch gave: an outcome per record, in order, and Lambda's response. */
export interface BatchResult {
  outcomes: Outcome[];
  response: KinesisStreamBatchResponse;
}

/**
 * Processes records strictly in order. On the first store failure it stops:
 * that record is reported (Lambda retries from it, keeping per-user order),
 * and it and every record after it count as `failed` for this invocation.
 * A record still in the store when the `deadline` passes fails the same way.
 */
export const processBatch = async (
  records: readonly KinesisStreamRecord[],
  store: UserLimitStore,
  logger: Logger,
  deadline?: Deadline,
): Promise<BatchResult> => {
  const outcomes: Outcome[] = [];
  for (const record of records) {
    try {
      outcomes.push(await beforeDeadline(processRecord(record, store, logger), deadline));
    } catch (error) {
      const notProcessed = records.length - outcomes.length - 1;
      logFailed(logger, record, error, notProcessed);
      while (outcomes.length < records.length) outcomes.push('failed');
      return { outcomes, response: { batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] } };
    }
  }
  return { outcomes, response: { batchItemFailures: [] } };
};
