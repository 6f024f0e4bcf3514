import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { batchBudgetMs, closedAfterDeadline, startDeadline } from './pipeline/deadline';
import { countOutcomes, type Outcome } from './pipeline/outcome';
import { processBatch } from './pipeline/process-batch';
import type { UserLimitStore } from '../store/user-limit-store';

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
 * With a Lambda context, every store call is bounded by the invocation's
 * remaining time minus a safety margin (`DEADLINE_SAFETY_MARGIN_MS`): a call still pending
 * then fails its record like a store error (ERROR log, reported in
 * `batchItemFailures`, nothing after it processed).
 */
export const createHandler =
  ({ store, logger, onOutcomes }: HandlerDependencies): KinesisHandler =>
  async (event, context) => {
    if (context !== undefined) logger.addContext(context);
    const records = Array.isArray(event?.Records) ? event.Records : [];
    // One timer per batch, not per call: a hung store becomes a reported failure, not a silent timeout.
    const budgetMs = batchBudgetMs(context);
    const deadline = budgetMs === undefined ? undefined : startDeadline(budgetMs);
    const boundedStore = deadline === undefined ? store : closedAfterDeadline(store, deadline);
    try {
      const { outcomes, response } = await processBatch(records, boundedStore, logger, deadline);
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
