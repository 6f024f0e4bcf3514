import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { UserLimitStore } from '../store/user-limit-store';
import { batchBudgetMs, startDeadline } from './pipeline/deadline';
import { countOutcomes, type Outcome } from './pipeline/outcome';
import { processBatch } from './pipeline/process-batch';
import { clippedJson } from './pipeline/record-log';

/** What the Lambda handler is built from. */
export interface HandlerDependencies {
  store: UserLimitStore;
  logger: Logger;
  /** Sees every record's outcome, in batch order; used by local tools, not in Lambda. */
  onOutcomes?: (outcomes: readonly Outcome[]) => void;
}

export type KinesisHandler = (event: KinesisStreamEvent, context?: Context) => Promise<KinesisStreamBatchResponse>;

/**
 * Builds the Kinesis handler around a store and a logger. The deployed
 * `handler` is this with the module-scoped store; tools and tests build their
 * own to observe outcomes or inject faults.
 *
 * With a Lambda context, the batch's store work is bounded by the
 * invocation's remaining time minus a safety margin (`DEADLINE_SAFETY_MARGIN_MS`):
 * store work still pending then fails the batch from its earliest record not
 * yet durable, like a store error (ERROR log, reported in `batchItemFailures`).
 */
export const createHandler =
  ({ store, logger, onOutcomes }: HandlerDependencies): KinesisHandler =>
  async (event, context) => {
    if (context !== undefined) logger.addContext(context);
    const records: unknown = (event as { Records?: unknown } | null | undefined)?.Records;
    if (!Array.isArray(records)) {
      // Lambda never sends this; acknowledging is all a retry could do too, but someone must hear of it.
      logger.error('Malformed event: Records is not an array', { received: clippedJson(event) });
      return { batchItemFailures: [] };
    }
    // One timer per batch, not per call: a hung store becomes a reported failure, not a silent timeout.
    const budgetMs = batchBudgetMs(context);
    const deadline = budgetMs === undefined ? undefined : startDeadline(budgetMs);
    try {
      const { outcomes, response } = await processBatch(records, store, logger, deadline);
      logger.info('Batch processed', {
        ...countOutcomes(outcomes),
        batchItemFailures: response.batchItemFailures.length,
      });
      onOutcomes?.(outcomes);
      return response;
    } finally {
      deadline?.cancel();
    }
  };
