import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarmAction, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmTopicSource } from './stack-props';

/** What the alarms watch and where they report. */
export interface ProcessorAlarmsProps {
  readonly stream: IStream;
  readonly function: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly iteratorAgeThreshold: Duration;
  readonly topic: AlarmTopicSource;
}

/**
 * A topic CloudWatch can publish to although it is encrypted: CloudWatch
 * cannot use the AWS-managed `aws/sns` key, so the topic gets its own key whose
 * policy lets CloudWatch encrypt.
 */
const createEncryptedTopic = (scope: Construct): Topic => {
  const key = new Key(scope, 'AlarmTopicKey', {
    enableKeyRotation: true,
    description: 'Encrypts the user limits alarm topic; CloudWatch may use it to publish',
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'], // in a key policy, "*" means this key
    }),
  );
  return new Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true, displayName: 'User limits processor alarms' });
};

/**
 * The three alarms an operator needs: the consumer falls behind (iterator age),
 * the function crashes or times out (errors; bad records do not count, the
 * handler reports them as outcomes), and Lambda gave up on a batch (DLQ depth).
 */
export class ProcessorAlarms extends Construct {
  readonly iteratorAge: Alarm;
  readonly errors: Alarm;
  readonly deadLetters: Alarm;
  readonly topic: ITopic | undefined;

  constructor(scope: Construct, id: string, props: ProcessorAlarmsProps) {
    super(scope, id);
    this.topic =
      props.topic.kind === 'create'
        ? createEncryptedTopic(this)
        : props.topic.kind === 'import'
          ? Topic.fromTopicArn(this, 'AlarmTopic', props.topic.topicArn)
          : undefined;

    this.iteratorAge = new Alarm(this, 'IteratorAge', {
      alarmDescription: `The oldest unread record is older than ${props.iteratorAgeThreshold.toHumanString()}: the processor is falling behind.`,
      metric: props.stream.metricGetRecordsIteratorAgeMilliseconds({ statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: props.iteratorAgeThreshold.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      // No GetRecords datapoints means nobody is reading the stream: that is falling behind too.
      treatMissingData: TreatMissingData.BREACHING,
    });
    this.errors = new Alarm(this, 'Errors', {
      alarmDescription: 'The processor function failed a whole invocation (crash or timeout).',
      metric: props.function.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.deadLetters = new Alarm(this, 'DeadLetters', {
      alarmDescription:
        'Lambda skipped a batch and sent its shard and sequence range to the DLQ: re-read it from the stream within retention (README, "deploy").',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    if (this.topic !== undefined) {
      const action: IAlarmAction = new SnsAction(this.topic);
      for (const alarm of [this.iteratorAge, this.errors, this.deadLetters]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }
}
