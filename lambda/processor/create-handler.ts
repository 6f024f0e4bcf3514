import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { UserLimitStore } from '../store/user-limit-store';
import { batchAgeMs } from './batch-age';
import { publishBatchMetrics } from './batch-metrics';
import { summarizeBatch } from './batch-summary';
import { batchBudgetMs, startDeadline } from './pipeline/deadline';
import type { Outcome } from './pipeline/outcome';
import { type BatchResult, processBatch } from './pipeline/process-batch';
import { clippedJson } from './pipeline/record-log';
import { StoreTimer } from './store-timer';

/** What the Lambda handler is built from. */
export interface HandlerDependencies {
  store: UserLimitStore;
  logger: Logger;
  /** Gets one EMF blob per invocation (batch-metrics.ts); absent, none is printed (most tests and tools). */
  metrics?: Metrics;
  /** The store does I/O (DynamoDB): its load and commit time is measured, `storeMs` / StoreMs. */
  timeStore?: boolean;
  /** Sees every record's outcome, in batch order; used by local tools, not in Lambda. */
  onOutcomes?: (outcomes: readonly Outcome[]) => void;
}

export type KinesisHandler = (event: KinesisStreamEvent, context?: Context) => Promise<KinesisStreamBatchResponse>;

/** A batch within the invocation's deadline, when there is a Lambda context to take it from. */
const processWithinDeadline = async (
  records: unknown[],
  store: UserLimitStore,
  logger: Logger,
  context?: Context,
): Promise<BatchResult> => {
  // One timer per batch, not per call: a hung store becomes a reported failure, not a silent timeout.
  const budgetMs = batchBudgetMs(context);
  const deadline = budgetMs === undefined ? undefined : startDeadline(budgetMs);
  try {
    return await processBatch(records, store, logger, deadline);
  } finally {
    deadline?.cancel();
  }
};

/**
 * Builds the Kinesis handler around a store and a logger. The deployed
 * `handler` is this with the module-scoped store; tools and tests build their
 * own to observe outcomes or inject faults.
 *
 * With a Lambda context, the batch's store work is bounded by the
 * invocation's remaining time minus a safety margin (`DEADLINE_SAFETY_MARGIN_MS`):
 * store work still pending then fails the batch from its earliest record not
 * yet durable, like a store error (ERROR log, reported in `batchItemFailures`).
 *
 * Every invocation ends with one 'Batch processed' INFO line and, with
 * `metrics`, one EMF blob of the same values (batch-summary.ts), whatever
 * happened: a malformed event counts 0 records; a batch that throws (Lambda
 * then retries all of it) counts every record as failed. Per invocation, the
 * DEBUG sampling decision (POWERTOOLS_LOGGER_SAMPLE_RATE) is made again.
 */
export const createHandler =
  ({ store, logger, metrics, timeStore, onOutcomes }: HandlerDependencies): KinesisHandler =>
  async (event, context) => {
    logger.refreshSampleRateCalculation();
    if (context !== undefined) logger.addContext(context);
    const received: unknown = (event as { Records?: unknown } | null | undefined)?.Records;
    const records = Array.isArray(received) ? received : [];
    const ageMs = batchAgeMs(records, Date.now());
    const timer = timeStore ? new StoreTimer(store) : undefined;
    let result: BatchResult | undefined;
    try {
      if (!Array.isArray(received)) {
        // Lambda never sends this; acknowledging is all a retry could do too, but someone must hear of it.
        logger.error('Malformed event: Records is not an array', { received: clippedJson(event) });
        result = { outcomes: [], response: { batchItemFailures: [] }, progressGaps: 0 };
        return result.response;
      }
      result = await processWithinDeadline(records, timer ?? store, logger, context);
      onOutcomes?.(result.outcomes);
      return result.response;
    } finally {
      const summary = summarizeBatch(result, records.length, { batchAgeMs: ageMs, storeMs: timer?.elapsedMs() });
      logger.info('Batch processed', { ...summary, batchItemFailures: result?.response.batchItemFailures.length });
      if (metrics !== undefined) publishBatchMetrics(metrics, summary, logger);
    }
  };
