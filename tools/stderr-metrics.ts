import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DEFAULT_SERVICE_NAME } from '../lambda/logger';
import { metricsOptions } from '../lambda/metrics';

/**
 * A Powertools Metrics class whose EMF blob goes to `stream`, one JSON
 * object per line. Powertools has no option for the output stream (its
 * console is private and always stdout), so this overrides the public
 * `publishStoredMetrics` and prints what `serializeMetrics()` returns, as the
 * original does; `override` makes the compiler refuse an upgrade that renames
 * it. Like the original, a disabled instance (POWERTOOLS_METRICS_DISABLED)
 * prints nothing, and every publish empties the buffer.
 */
const metricsWritingTo = (stream: NodeJS.WritableStream) =>
  class StreamMetrics extends Metrics {
    override publishStoredMetrics(): this {
      try {
        if (this.hasStoredMetrics() && !this.isDisabled()) stream.write(`${JSON.stringify(this.serializeMetrics())}\n`);
      } finally {
        this.clearMetrics();
        this.clearDimensions();
        this.clearMetadata();
      }
      return this;
    }
  };

/**
 * The production metrics (namespace, `service` dimension, Powertools'
 * warnings to `logger`), printing to `stream` instead of stdout. Service:
 * `serviceName`, else POWERTOOLS_SERVICE_NAME, else the processor's.
 */
export const createMetricsTo = (stream: NodeJS.WritableStream, logger: Logger, serviceName?: string): Metrics => {
  const StreamMetrics = metricsWritingTo(stream);
  return new StreamMetrics(metricsOptions(serviceName ?? (process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME), logger));
};

/** The processor's metrics on stderr, so that a tool's stdout carries only its own output. */
export const createStderrMetrics = (logger: Logger): Metrics => createMetricsTo(process.stderr, logger);
