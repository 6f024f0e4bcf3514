import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type MetricEntry, publishMetrics } from '../metrics';

/** One request's metrics: Requests 1; ClientErrors 1 for a 4xx, ServerErrors 1 for a 5xx, else 0; LatencyMs the handler's time. */
export const requestMetricEntries = (statusCode: number, latencyMs: number): MetricEntry[] => [
  ['Requests', MetricUnit.Count, 1],
  ['ClientErrors', MetricUnit.Count, statusCode >= 400 && statusCode < 500 ? 1 : 0],
  ['ServerErrors', MetricUnit.Count, statusCode >= 500 ? 1 : 0],
  ['LatencyMs', MetricUnit.Milliseconds, latencyMs],
];

/** One EMF blob for the request, with the status and duration of its 'request' line. Never throws. */
export const publishRequestMetrics = (metrics: Metrics, statusCode: number, latencyMs: number, logger: Logger): void =>
  publishMetrics(metrics, requestMetricEntries(statusCode, latencyMs), logger);
