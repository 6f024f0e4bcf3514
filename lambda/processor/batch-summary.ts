import { countOutcomes, emptyCounts, type OutcomeCounts } from './pipeline/outcome';
import type { BatchResult } from './pipeline/process-batch';

/**
 * What one invocation did: the 'Batch processed' INFO line and the EMF blob
 * (batch-metrics.ts) carry exactly these values.
 */
export type BatchSummary = OutcomeCounts & {
  /** Progress-gap WARN lines written (a record later failed by the batch is counted: its line was written). */
  progressGaps: number;
  /** Now minus the oldest `approximateArrivalTimestamp`, at the invocation's start; absent when no record has one (an empty batch). */
  batchAgeMs?: number;
  /** Wall time spent waiting for store load and commit; only with a store that does I/O (DynamoDB). */
  storeMs?: number;
};

/** What was measured around the batch, besides its outcomes. */
export interface BatchTiming {
  batchAgeMs?: number;
  storeMs?: number;
}

/**
 * The summary of a batch of `recordCount` records. Without a result (the
 * batch threw, so Lambda retries all of it), every record counts as failed.
 */
export const summarizeBatch = (result: BatchResult | undefined, recordCount: number, timing: BatchTiming): BatchSummary => {
  const counts = result === undefined ? { ...emptyCounts(), records: recordCount, failed: recordCount } : countOutcomes(result.outcomes);
  return {
    ...counts,
    progressGaps: result?.progressGaps ?? 0,
    ...(timing.batchAgeMs !== undefined && { batchAgeMs: timing.batchAgeMs }),
    ...(timing.storeMs !== undefined && { storeMs: Math.round(timing.storeMs * 100) / 100 }),
  };
};
