import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { countOutcomes, type Outcome } from './pipeline/outcome';
import { processBatch } from './pipeline/process-batch';
import type { UserLimitStore } from './store/user-limit-store';

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
 */
export const createHandler =
  ({ store, logger, onOutcomes }: HandlerDependencies): KinesisHandler =>
  async (event, context) => {
    if (context !== undefined) logger.addContext(context);
    const records = Array.isArray(event?.Records) ? event.Records : [];
    const { outcomes, response } = await processBatch(records, store, logger);
    logger.info('Batch processed', {
      ...countOutcomes(outcomes),
      batchItemFailures: response.batchItemFailures.length,
    });
    onOutcomes?.(outcomes);
    return response;
  };
