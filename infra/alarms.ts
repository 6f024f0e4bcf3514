import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarmTopic } from './alarm-topic';
import type { ProcessorMetrics } from './processor-metrics';
import type { AlarmTopicSource } from './stack-props';

/** What the processor alarms watch, their thresholds, and where they report. */
export interface ProcessorAlarmsProps {
  readonly metrics: ProcessorMetrics;
  readonly iteratorAgeThreshold: Duration;
  readonly rejectedThreshold: number;
  readonly orphanedRatePercent: number;
  readonly topic: AlarmTopicSource;
  readonly alarmEmail: string | undefined;
}

/** The orphan rate is judged over 15 minutes, and only once this many records arrived in them: 1 orphan of 3 is not a trend. */
export const ORPHAN_RATE_PERIOD = Duration.minutes(15);
export const ORPHAN_RATE_MIN_RECORDS = 100;

/**
 * The processor's alarms (README, "Operations", one runbook line each): bad
 * data (rejected records, an orphan rate), lag (this function's iterator age),
 * nobody reading the stream (its GetRecords iterator age, missing data
 * breaching), crashes (errors), lack of concurrency (throttles), and batches
 * Lambda gave up on (DLQ depth). The alarm topic lives here too; every alarm
 * of the stack, the read API's included, reports to it through {@link notify}.
 */
export class ProcessorAlarms extends Construct {
  readonly rejected: Alarm;
  readonly orphanedRate: Alarm;
  readonly iteratorAge: Alarm;
  readonly streamIteratorAge: Alarm;
  readonly errors: Alarm;
  readonly throttles: Alarm;
  readonly deadLetters: Alarm;
  readonly topic: ITopic | undefined;
  /** Every alarm notify() was given, in order: the dashboard's status widget lists them. */
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ProcessorAlarmsProps) {
    super(scope, id);
    const { metrics } = props;
    this.topic = createAlarmTopic(this, props.topic, props.alarmEmail);
    const threshold = props.iteratorAgeThreshold;

    this.rejected = new Alarm(this, 'Rejected', {
      alarmDescription: `More than ${props.rejectedThreshold} records rejected in 5 minutes: the limits service sends events that break the contract; each is a limit update not applied. Read the ERROR lines (reason names the field) and tell the producer.`,
      metric: metrics.outcome('Rejected'),
      threshold: props.rejectedThreshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.orphanedRate = new Alarm(this, 'OrphanedRate', {
      alarmDescription: `More than ${props.orphanedRatePercent}% of records in 15 minutes were progress or reset events for limits the store does not know: the store lost limits (in-memory store after a cold start) or the producer sends them out of order. Read the WARN lines.`,
      metric: new MathExpression({
        expression: `IF(records >= ${ORPHAN_RATE_MIN_RECORDS}, 100 * orphaned / records, 0)`,
        usingMetrics: {
          orphaned: metrics.outcome('Orphaned', { period: ORPHAN_RATE_PERIOD }),
          records: metrics.outcome('Records', { period: ORPHAN_RATE_PERIOD }),
        },
        period: ORPHAN_RATE_PERIOD,
        label: 'Orphaned records, % of records',
      }),
      threshold: props.orphanedRatePercent,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.iteratorAge = new Alarm(this, 'FunctionIteratorAge', {
      alarmDescription: `This function's iterator age exceeds ${threshold.toHumanString()}: it is falling behind the stream; records are skipped to the DLQ at maxRecordAge.`,
      metric: metrics.functionIteratorAge(),
      threshold: threshold.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      // Lambda emits IteratorAge only when it invokes: an idle stream has no datapoints and is fine.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.streamIteratorAge = new Alarm(this, 'IteratorAge', {
      alarmDescription: `The stream's oldest unread record (over all GetRecords readers) is older than ${threshold.toHumanString()}, or nobody read the stream for 3 of 5 minutes: the mapping may be disabled or stalled.`,
      metric: metrics.streamIteratorAge(),
      threshold: threshold.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      // The mapping calls GetRecords every second per shard even on an idle stream: no datapoints means nobody reads.
      treatMissingData: TreatMissingData.BREACHING,
    });
    this.errors = new Alarm(this, 'Errors', {
      alarmDescription: 'The processor function failed a whole invocation (crash or timeout); bad records do not count, they are outcomes.',
      metric: metrics.lambda('Errors'),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.throttles = new Alarm(this, 'Throttles', {
      alarmDescription:
        'Lambda throttled the processor in each of the last 15 minutes: the account (or a reserved) concurrency is exhausted and the shard waits.',
      metric: metrics.lambda('Throttles'),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.deadLetters = new Alarm(this, 'DeadLetters', {
      alarmDescription:
        'Lambda skipped a batch and sent its shard and sequence range to the DLQ: re-read it from the stream within retention (README, "deploy").',
      metric: metrics.deadLetters(),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [
      this.rejected,
      this.orphanedRate,
      this.iteratorAge,
      this.streamIteratorAge,
      this.errors,
      this.throttles,
      this.deadLetters,
    ]) {
      this.notify(alarm);
    }
  }

  /** Sends the alarm's ALARM and OK transitions to the topic, if there is one, and lists it on the dashboard. */
  notify(alarm: Alarm): void {
    this.alarms.push(alarm);
    if (this.topic === undefined) return;
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}
