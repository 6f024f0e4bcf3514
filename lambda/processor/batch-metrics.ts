import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type MetricEntry, publishMetrics } from '../metrics';
import type { BatchSummary } from './batch-summary';

/** The processor's Count metrics, each with the summary field it carries; all emitted every invocation, zeros included. */
export const BATCH_COUNT_METRICS = {
  Records: 'records',
  Applied: 'applied',
  Duplicates: 'duplicates',
  Ignored: 'ignored',
  Orphaned: 'orphaned',
  Rejected: 'rejected',
  Failed: 'failed',
  ProgressGaps: 'progressGaps',
} as const satisfies Record<string, keyof BatchSummary>;

/** The invocation's metrics: every count, then `BatchAgeMs` and `StoreMs` when the summary has them. */
export const batchMetricEntries = (summary: BatchSummary): MetricEntry[] => {
  const entries: MetricEntry[] = Object.entries(BATCH_COUNT_METRICS).map(([name, field]) => [name, MetricUnit.Count, summary[field]]);
  if (summary.batchAgeMs !== undefined) entries.push(['BatchAgeMs', MetricUnit.Milliseconds, summary.batchAgeMs]);
  if (summary.storeMs !== undefined) entries.push(['StoreMs', MetricUnit.Milliseconds, summary.storeMs]);
  return entries;
};

/** One EMF blob for the invocation, with the values of its 'Batch processed' line. Never throws. */
export const publishBatchMetrics = (metrics: Metrics, summary: BatchSummary, logger: Logger): void =>
  publishMetrics(metrics, batchMetricEntries(summary), logger);
