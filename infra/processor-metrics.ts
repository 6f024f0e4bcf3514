import { Duration } from 'aws-cdk-lib';
import { Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { DEFAULT_SERVICE_NAME } from '../lambda/logger';

/** The processor's per-batch counts (EMF, unit Count), in the order of the batch summary. */
export const OUTCOME_METRICS = ['Records', 'Applied', 'Duplicates', 'Ignored', 'Orphaned', 'Rejected', 'Failed', 'ProgressGaps'] as const;

/** One of {@link OUTCOME_METRICS}. */
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];

/** The event source mapping's `EventCount` metrics (AWS/Lambda, per mapping) that a Kinesis mapping emits. */
export const MAPPING_EVENT_COUNT_METRICS = [
  'PolledEventCount',
  'InvokedEventCount',
  'FailedInvokeEventCount',
  'DroppedEventCount',
  'OnFailureDestinationDeliveredEventCount',
] as const;

/** Alarms and the dashboard read these periods: 1 min for lag, 5 min for counts. */
export const LAG_PERIOD = Duration.minutes(1);
export const COUNT_PERIOD = Duration.minutes(5);

/**
 * A metric the functions emit as EMF (Powertools Metrics): namespace from the
 * stack, the only dimension `service`, the function's Powertools service name.
 */
export const emfMetric = (namespace: string, service: string, metricName: string, options: MetricOptions = {}): Metric =>
  new Metric({ namespace, metricName, dimensionsMap: { service }, ...options });

/** What the processor's metrics are read from. */
export interface ProcessorMetricSources {
  readonly namespace: string;
  readonly stream: IStream;
  readonly function: IFunction;
  readonly deadLetterQueue: IQueue;
  /** The Kinesis event source mapping's UUID (its `EventCount` metrics are per mapping). */
  readonly eventSourceMappingId: string;
  /** True with the DynamoDB store: the processor then emits `StoreMs`. */
  readonly durableStore: boolean;
}

/** Every metric the alarms and the dashboard show for the processor, defined once. */
export class ProcessorMetrics {
  constructor(private readonly sources: ProcessorMetricSources) {}

  /** An outcome count of the processor (Sum per period). */
  outcome(name: OutcomeMetric, options: MetricOptions = {}): Metric {
    return emfMetric(this.sources.namespace, DEFAULT_SERVICE_NAME, name, { statistic: 'Sum', period: COUNT_PERIOD, ...options });
  }

  /** Now minus the oldest record's arrival time in the batch (EMF `BatchAgeMs`, absent on empty batches). */
  batchAge(options: MetricOptions = {}): Metric {
    return emfMetric(this.sources.namespace, DEFAULT_SERVICE_NAME, 'BatchAgeMs', { statistic: 'Maximum', period: LAG_PERIOD, ...options });
  }

  /** Time spent in store I/O per batch (EMF `StoreMs`); undefined with the in-memory store, which does no I/O. */
  storeTime(options: MetricOptions = {}): Metric | undefined {
    if (!this.sources.durableStore) return undefined;
    return emfMetric(this.sources.namespace, DEFAULT_SERVICE_NAME, 'StoreMs', { statistic: 'p99', period: COUNT_PERIOD, ...options });
  }

  /** This function's own lag: `AWS/Lambda` IteratorAge, emitted only when Lambda invokes it. */
  functionIteratorAge(options: MetricOptions = {}): Metric {
    return this.sources.function.metric('IteratorAge', { statistic: 'Maximum', period: LAG_PERIOD, ...options });
  }

  /** The stream's read lag over every GetRecords caller (this mapping polls with GetRecords every second per shard). */
  streamIteratorAge(options: MetricOptions = {}): Metric {
    return this.sources.stream.metricGetRecordsIteratorAgeMilliseconds({ statistic: 'Maximum', period: LAG_PERIOD, ...options });
  }

  /** An `AWS/Lambda` metric of the function (Errors, Throttles, Invocations, Duration, …). */
  lambda(metricName: string, options: MetricOptions = {}): Metric {
    return this.sources.function.metric(metricName, { statistic: 'Sum', period: COUNT_PERIOD, ...options });
  }

  /** Messages waiting in the DLQ: batches Lambda gave up on. */
  deadLetters(options: MetricOptions = {}): Metric {
    return this.sources.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: LAG_PERIOD, ...options });
  }

  /** One of the mapping's `EventCount` metrics (needs the mapping's MetricsConfig). */
  mapping(metricName: (typeof MAPPING_EVENT_COUNT_METRICS)[number], options: MetricOptions = {}): Metric {
    return new Metric({
      namespace: 'AWS/Lambda',
      metricName,
      dimensionsMap: { EventSourceMappingUUID: this.sources.eventSourceMappingId },
      statistic: 'Sum',
      period: COUNT_PERIOD,
      ...options,
    });
  }
}
