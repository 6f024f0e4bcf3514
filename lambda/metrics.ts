import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricsOptions, MetricUnit } from '@aws-lambda-powertools/metrics/types';

/** Used when POWERTOOLS_METRICS_NAMESPACE is not set (local tools); the stack sets it. */
export const DEFAULT_METRICS_NAMESPACE = 'UserLimits';

/**
 * Namespace from POWERTOOLS_METRICS_NAMESPACE (else {@link DEFAULT_METRICS_NAMESPACE});
 * the one dimension is `service`. No other dimension, ever: each dimension
 * value is a custom metric billed per month, so a user or limit id would
 * multiply the bill by the number of users. No cold-start metric either:
 * Powertools gives it a `function_name` dimension.
 */
export const metricsOptions = (serviceName: string, logger: Logger): MetricsOptions => ({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE,
  serviceName,
  // Powertools' own warnings (an invalid metric, say) as JSON lines of the function's logger.
  logger,
});

/** Powertools Metrics for `serviceName`, printing its EMF blob on stdout (where Lambda sends it to CloudWatch). */
export const createMetrics = (serviceName: string, logger: Logger): Metrics => new Metrics(metricsOptions(serviceName, logger));

/** One metric of a blob: name, unit, value. */
export type MetricEntry = readonly [name: string, unit: MetricUnit, value: number];

/**
 * Prints `entries` as one EMF blob, added and published in one synchronous
 * step, so that two invocations interleaving in one process (the local
 * tools) never mix their values. Never throws: the work the metrics describe
 * is done, and failing the invocation would only redo it. A failure is a WARN
 * line, and nothing is left in the buffer for the next invocation.
 */
export const publishMetrics = (metrics: Metrics, entries: readonly MetricEntry[], logger: Logger): void => {
  try {
    for (const [name, unit, value] of entries) metrics.addMetric(name, unit, value);
    metrics.publishStoredMetrics();
  } catch (error) {
    metrics.clearMetrics();
    // Not the pipeline's describeError: the read API bundle stays free of the processor's code.
    logger.warn('Metrics not published', { error: error instanceof Error ? `${error.name}: ${error.message}` : typeof error });
  }
};
