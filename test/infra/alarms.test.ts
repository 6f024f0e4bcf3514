import { Duration } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { ORPHAN_RATE_MIN_RECORDS } from '../../infra/alarms';
import { FUNCTION_LOGICAL_ID } from '../../infra/processor-function';
import { resolveStackProps, type UserLimitsStackProps } from '../../infra/stack-props';
import { synthStack } from './cdk-app';
import { logicalIds } from './template-queries';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:on-call';
const PROCESSOR_SERVICE = [{ Name: 'service', Value: 'user-limits-processor' }];

type Properties = Record<string, unknown>;

/** The alarm whose logical id starts with `prefix` (construct path without separators), failing unless exactly one. */
const alarm = (template: Template, prefix: string): Properties => {
  const found = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).filter(([id]) =>
    new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id),
  );
  if (found.length !== 1) throw new Error(`expected one alarm ${prefix}, found ${found.length}`);
  return (found[0]![1] as { Properties: Properties }).Properties;
};

const idOf = (template: Template, type: string): string => {
  const ids = logicalIds(template, type);
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

const PROCESSOR_ALARMS = [
  'AlarmsRejected',
  'AlarmsOrphanedRate',
  'AlarmsFunctionIteratorAge',
  'AlarmsIteratorAge',
  'AlarmsErrors',
  'AlarmsThrottles',
  'AlarmsDeadLetters',
];
const API_ALARMS = ['ReadApiAlarmsServerErrors', 'ReadApiAlarmsLatencyP99'];

describe('the processor alarms (default props)', () => {
  let template: Template;
  beforeAll(() => {
    template = synthStack().template;
  });

  test('there are seven, each with a description, and no actions without a topic', () => {
    expect(logicalIds(template, 'AWS::CloudWatch::Alarm')).toHaveLength(PROCESSOR_ALARMS.length);
    for (const prefix of PROCESSOR_ALARMS) {
      const properties = alarm(template, prefix);
      expect(properties.AlarmDescription).toEqual(expect.stringMatching(/\w{3,}.{40,}/));
      expect(properties.AlarmActions).toBeUndefined();
      expect(properties.OKActions).toBeUndefined();
    }
  });

  test('rejected: the Rejected sum over 5 minutes above 0, in the UserLimits namespace, dimension service only', () => {
    expect(alarm(template, 'AlarmsRejected')).toMatchObject({
      Namespace: 'UserLimits',
      MetricName: 'Rejected',
      Dimensions: PROCESSOR_SERVICE,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test(`orphaned rate: 100 × Orphaned / Records over 15 minutes above 1%, once ${ORPHAN_RATE_MIN_RECORDS} records arrived`, () => {
    const properties = alarm(template, 'AlarmsOrphanedRate');
    expect(properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    const metrics = properties.Metrics as Array<{ Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: Properties }>;
    expect(metrics.find((metric) => metric.ReturnData !== false)?.Expression).toBe(
      `IF(records >= ${ORPHAN_RATE_MIN_RECORDS}, 100 * orphaned / records, 0)`,
    );
    for (const [id, name] of [
      ['orphaned', 'Orphaned'],
      ['records', 'Records'],
    ]) {
      expect(metrics.find((metric) => metric.Id === id)).toEqual({
        Id: id,
        ReturnData: false,
        MetricStat: {
          Metric: { Namespace: 'UserLimits', MetricName: name, Dimensions: PROCESSOR_SERVICE },
          Period: 900,
          Stat: 'Sum',
        },
      });
    }
  });

  /** Each alarm's metric and evaluation, written out: the table is the specification the README's runbook describes. */
  const lambdaFunction = [{ Name: 'FunctionName', Value: { Ref: FUNCTION_LOGICAL_ID } }];
  const lag = { Statistic: 'Maximum', Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3, Threshold: 30 * 60 * 1000 };
  const anyInFiveMinutes = { Statistic: 'Sum', Period: 300, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' };
  test.each<[string, string, (template: Template) => Properties]>([
    [
      "the function's iterator age: AWS/Lambda IteratorAge maximum above 30 min in 3 of 5 minutes; an idle stream is not breaching",
      'AlarmsFunctionIteratorAge',
      () => ({ Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Dimensions: lambdaFunction, ...lag, TreatMissingData: 'notBreaching' }),
    ],
    [
      "the stream's GetRecords iterator age: same threshold, and no datapoints (nobody reads) is breaching",
      'AlarmsIteratorAge',
      (template) => ({
        Namespace: 'AWS/Kinesis',
        MetricName: 'GetRecords.IteratorAgeMilliseconds',
        Dimensions: [{ Name: 'StreamName', Value: { Ref: idOf(template, 'AWS::Kinesis::Stream') } }],
        ...lag,
        TreatMissingData: 'breaching',
      }),
    ],
    [
      'function errors: any whole-invocation failure in 5 minutes',
      'AlarmsErrors',
      () => ({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: lambdaFunction, ...anyInFiveMinutes, EvaluationPeriods: 1 }),
    ],
    [
      'throttles: at least one in each of three 5-minute periods',
      'AlarmsThrottles',
      () => ({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: lambdaFunction, ...anyInFiveMinutes, EvaluationPeriods: 3 }),
    ],
    [
      'DLQ depth: ApproximateNumberOfMessagesVisible above 0',
      'AlarmsDeadLetters',
      (template) => ({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(template, 'AWS::SQS::Queue'), 'QueueName'] } }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      }),
    ],
  ])('%s', (_title, prefix, expected) => {
    expect(alarm(template, prefix)).toMatchObject({
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      ...expected(template),
    });
  });

  test('no email subscription without an address', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('alarm props', () => {
  test('namespace, rejected threshold, orphan rate and lag threshold reach the alarms', () => {
    const { template } = synthStack({
      metricsNamespace: 'Limits/Prod',
      rejectedAlarmThreshold: 25,
      orphanedRateAlarmPercent: 2.5,
      iteratorAgeAlarmThreshold: Duration.minutes(10),
    });
    expect(alarm(template, 'AlarmsRejected')).toMatchObject({ Namespace: 'Limits/Prod', Threshold: 25 });
    const orphaned = alarm(template, 'AlarmsOrphanedRate');
    expect(orphaned.Threshold).toBe(2.5);
    expect(JSON.stringify(orphaned.Metrics)).toContain('"Namespace":"Limits/Prod"');
    expect(alarm(template, 'AlarmsFunctionIteratorAge').Threshold).toBe(600_000);
    expect(alarm(template, 'AlarmsIteratorAge').Threshold).toBe(600_000);
  });

  test('an email alone creates the encrypted topic, subscribes the address, and every alarm notifies the topic', () => {
    expect(resolveStackProps({ alarmEmail: 'oncall@example.com' }).alarmTopic).toEqual({ kind: 'create' });
    const { template } = synthStack({ alarmEmail: 'oncall@example.com' });
    const topic = idOf(template, 'AWS::SNS::Topic');
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: topic },
    });
    for (const prefix of PROCESSOR_ALARMS) {
      expect(alarm(template, prefix)).toMatchObject({ AlarmActions: [{ Ref: topic }], OKActions: [{ Ref: topic }] });
    }
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topic } });
  });

  test('an email with an existing topic subscribes it to that topic; nothing else is created', () => {
    const { template } = synthStack({ alarmEmail: 'oncall@example.com', alarmTopic: { kind: 'import', topicArn: TOPIC_ARN } });
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com', TopicArn: TOPIC_ARN });
  });
});

describe('with the read API (store dynamodb)', () => {
  const props: UserLimitsStackProps = { store: 'dynamodb', alarmTopic: { kind: 'import', topicArn: TOPIC_ARN } };
  let template: Template;
  beforeAll(() => {
    template = synthStack(props).template;
  });

  test('nine alarms, every one notifying the topic on ALARM and OK', () => {
    expect(logicalIds(template, 'AWS::CloudWatch::Alarm')).toHaveLength(PROCESSOR_ALARMS.length + API_ALARMS.length);
    for (const prefix of [...PROCESSOR_ALARMS, ...API_ALARMS]) {
      expect(alarm(template, prefix)).toMatchObject({ AlarmActions: [TOPIC_ARN], OKActions: [TOPIC_ARN] });
    }
  });

  test.each<[string, string, Properties]>([
    [
      "5xx: API Gateway's own 5xx sum for the HTTP API, any in 5 minutes",
      'ReadApiAlarmsServerErrors',
      { MetricName: '5xx', Statistic: 'Sum', EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' },
    ],
    [
      'p99 latency: API Gateway Latency p99 above 1 s in three 5-minute periods',
      'ReadApiAlarmsLatencyP99',
      {
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        EvaluationPeriods: 3,
        Threshold: 1000,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    ],
  ])('%s', (_title, prefix, expected) => {
    expect(alarm(template, prefix)).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: idOf(template, 'AWS::ApiGatewayV2::Api') } }],
      Period: 300,
      TreatMissingData: 'notBreaching',
      ...expected,
    });
  });
});
