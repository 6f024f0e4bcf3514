import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { stackPropsFromContext } from '../../infra/context-props';
import { resolveStackProps, StackPropsError, type UserLimitsStackProps } from '../../infra/stack-props';
import { synthStack } from './cdk-app';

const STREAM_ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/limits-from-elsewhere';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:on-call';

describe('stream props', () => {
  test('shard count', () => {
    const { template } = synthStack({ stream: { kind: 'create', streamMode: StreamMode.PROVISIONED, shardCount: 4 } });
    template.hasResourceProperties('AWS::Kinesis::Stream', { ShardCount: 4, StreamModeDetails: { StreamMode: 'PROVISIONED' } });
  });

  test('on-demand capacity mode has no shard count and stays encrypted', () => {
    const { template } = synthStack({ stream: { kind: 'create', streamMode: StreamMode.ON_DEMAND, shardCount: undefined } });
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      ShardCount: Match.absent(),
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  test('an imported stream: no stream resource, the mapping, alarm, role and outputs use the ARN', () => {
    const { template } = synthStack({ stream: { kind: 'import', streamArn: STREAM_ARN, encryptionKeyArn: undefined } });
    template.resourceCountIs('AWS::Kinesis::Stream', 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: STREAM_ARN, StartingPosition: 'TRIM_HORIZON' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'GetRecords.IteratorAgeMilliseconds',
      Dimensions: [{ Name: 'StreamName', Value: 'limits-from-elsewhere' }],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['kinesis:GetRecords']), Resource: STREAM_ARN })]),
      },
    });
    template.hasOutput('StreamArn', { Value: STREAM_ARN });
    template.hasOutput('StreamName', { Value: 'limits-from-elsewhere' });
  });

  test('an imported stream encrypted with a customer key: the function may decrypt with that key only', () => {
    const { template } = synthStack({ stream: { kind: 'import', streamArn: STREAM_ARN, encryptionKeyArn: KEY_ARN } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt', Resource: KEY_ARN })]) },
    });
  });
});

describe('event source and logging props', () => {
  test('batch size, batching window, retries and record age', () => {
    const { template } = synthStack({
      batchSize: 2000,
      maxBatchingWindow: Duration.seconds(5),
      retryAttempts: 3,
      maxRecordAge: Duration.hours(2),
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 2000,
      MaximumBatchingWindowInSeconds: 5,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 7200,
    });
  });

  test('iterator age threshold, log level and log retention', () => {
    const { template } = synthStack({
      iteratorAgeAlarmThreshold: Duration.minutes(10),
      logLevel: 'DEBUG',
      logRetention: RetentionDays.ONE_WEEK,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'GetRecords.IteratorAgeMilliseconds', Threshold: 600_000 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_LOG_LEVEL: 'DEBUG' }) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });
});

describe('alarm topic props', () => {
  const alarmActions = (props: UserLimitsStackProps): unknown[] => {
    const { template } = synthStack(props);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Array<{
      Properties: { AlarmActions?: unknown; OKActions?: unknown };
    }>;
    expect(alarms).toHaveLength(7);
    return alarms.map(({ Properties }) => [Properties.AlarmActions, Properties.OKActions]);
  };

  test('a created topic is encrypted with a rotating key CloudWatch may use, TLS-only, and every alarm notifies it', () => {
    const { template } = synthStack({ alarmTopic: { kind: 'create' } });
    const topics = template.findResources('AWS::SNS::Topic');
    const [topicId] = Object.keys(topics);
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
    for (const actions of alarmActions({ alarmTopic: { kind: 'create' } })) {
      expect(actions).toEqual([
        [{ Ref: expect.stringMatching(/^AlarmsAlarmTopic/) }],
        [{ Ref: expect.stringMatching(/^AlarmsAlarmTopic/) }],
      ]);
    }
  });

  test('an existing topic by ARN: every alarm notifies it, nothing is created', () => {
    const { template } = synthStack({ alarmTopic: { kind: 'import', topicArn: TOPIC_ARN } });
    template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const actions of alarmActions({ alarmTopic: { kind: 'import', topicArn: TOPIC_ARN } })) {
      expect(actions).toEqual([[TOPIC_ARN], [TOPIC_ARN]]);
    }
  });
});

describe('prop validation', () => {
  test.each<[string, UserLimitsStackProps, RegExp]>([
    ['batch size 0', { batchSize: 0 }, /batchSize must be an integer from 1 to 10000, got 0/],
    ['batch size 10,001', { batchSize: 10_001 }, /batchSize/],
    ['batching window over 300 s', { maxBatchingWindow: Duration.seconds(301) }, /maxBatchingWindow must be from 0 s to 300 s/],
    ['11 retries', { retryAttempts: 11 }, /retryAttempts must be an integer from 0 to 10, got 11/],
    ['record age beyond the retention', { maxRecordAge: Duration.hours(25) }, /maxRecordAge must be from 60 s to 86400 s/],
    [
      'lag alarm over half the retention',
      { iteratorAgeAlarmThreshold: Duration.hours(13), maxRecordAge: Duration.hours(20) },
      /iteratorAgeAlarmThreshold must be from 60 s to 43200 s/,
    ],
    [
      'lag alarm not below the record age',
      { iteratorAgeAlarmThreshold: Duration.hours(1), maxRecordAge: Duration.hours(1) },
      /below maxRecordAge/,
    ],
    ['shard count with on-demand', { stream: { kind: 'create', streamMode: StreamMode.ON_DEMAND, shardCount: 2 } }, /ON_DEMAND/],
    ['zero shards', { stream: { kind: 'create', streamMode: StreamMode.PROVISIONED, shardCount: 0 } }, /shardCount/],
    [
      'a malformed stream ARN',
      { stream: { kind: 'import', streamArn: 'limits', encryptionKeyArn: undefined } },
      /stream ARN must look like/,
    ],
    ['an unknown store', { store: 'redis' as never }, /store must be one of memory, dynamodb, got "redis"/],
    [
      'parallelization factor 0',
      { store: 'dynamodb', parallelizationFactor: 0 },
      /parallelizationFactor must be an integer from 1 to 10, got 0/,
    ],
    [
      'parallelization factor 11',
      { store: 'dynamodb', parallelizationFactor: 11 },
      /parallelizationFactor must be an integer from 1 to 10, got 11/,
    ],
    [
      'parallelization factor 1.5',
      { store: 'dynamodb', parallelizationFactor: 1.5 },
      /parallelizationFactor must be an integer from 1 to 10, got 1.5/,
    ],
    ['parallelization above 1 in memory', { parallelizationFactor: 2 }, /parallelizationFactor above 1 needs store dynamodb/],
    [
      'read API settings without the table',
      { jwtIssuer: 'https://id.example.com', corsOrigins: ['https://a.example.com'] },
      /jwtIssuer, corsOrigins configure the read API, which only exists with store dynamodb/,
    ],
    ['an issuer without audience', { store: 'dynamodb', jwtIssuer: 'https://id.example.com' }, /jwtIssuer and jwtAudience go together/],
    ['an audience without issuer', { store: 'dynamodb', jwtAudience: ['a'] }, /jwtIssuer and jwtAudience go together/],
    [
      'a plain-http issuer',
      { store: 'dynamodb', jwtIssuer: 'http://id.example.com', jwtAudience: ['a'] },
      /jwtIssuer must be an https URL, got "http:\/\/id.example.com"/,
    ],
    [
      'an empty audience list',
      { store: 'dynamodb', jwtIssuer: 'https://id.example.com', jwtAudience: [] },
      /jwtAudience must list at least one non-empty audience/,
    ],
    [
      'a blank audience',
      { store: 'dynamodb', jwtIssuer: 'https://id.example.com', jwtAudience: ['a', ' '] },
      /jwtAudience must list at least one non-empty audience/,
    ],
    [
      'a zero rate limit',
      { store: 'dynamodb', apiThrottleRateLimit: 0 },
      /apiThrottleRateLimit must be a number of requests per second above 0 and at most 10000, got 0/,
    ],
    ['a rate over the account quota', { store: 'dynamodb', apiThrottleRateLimit: 10_001 }, /apiThrottleRateLimit/],
    [
      'a fractional burst',
      { store: 'dynamodb', apiThrottleBurstLimit: 2.5 },
      /apiThrottleBurstLimit must be an integer from 1 to 5000, got 2.5/,
    ],
    ['a burst over the account quota', { store: 'dynamodb', apiThrottleBurstLimit: 5001 }, /apiThrottleBurstLimit/],
    [
      'a wildcard origin',
      { store: 'dynamodb', corsOrigins: ['*'] },
      /corsOrigins must be origins like https:\/\/app.example.com \(no path, no "\*"\), got "\*"/,
    ],
    ['an origin with a path', { store: 'dynamodb', corsOrigins: ['https://app.example.com/limits'] }, /corsOrigins must be origins/],
    [
      'a plain-http origin other than localhost',
      { store: 'dynamodb', corsOrigins: ['http://app.example.com'] },
      /corsOrigins must be origins/,
    ],
    ['an AWS namespace', { metricsNamespace: 'AWS/Lambda' }, /metricsNamespace must be 1-255 characters .*got "AWS\/Lambda"/],
    ['a namespace with a comma', { metricsNamespace: 'User,Limits' }, /metricsNamespace must be/],
    ['a blank namespace', { metricsNamespace: '  ' }, /metricsNamespace must be/],
    ['a namespace starting with ":"', { metricsNamespace: ':Limits' }, /metricsNamespace must be/],
    ['a namespace of 256 characters', { metricsNamespace: 'a'.repeat(256) }, /metricsNamespace must be/],
    [
      'a negative rejected threshold',
      { rejectedAlarmThreshold: -1 },
      /rejectedAlarmThreshold must be an integer from 0 to 1000000, got -1/,
    ],
    ['a fractional rejected threshold', { rejectedAlarmThreshold: 0.5 }, /rejectedAlarmThreshold must be an integer/],
    [
      'an orphan rate of 100%',
      { orphanedRateAlarmPercent: 100 },
      /orphanedRateAlarmPercent must be a percentage from 0 to below 100, got 100/,
    ],
    ['a negative orphan rate', { orphanedRateAlarmPercent: -1 }, /orphanedRateAlarmPercent must be/],
    ['a sample rate above 1', { logSampleRate: 1.5 }, /logSampleRate must be from 0 to 1, got 1.5/],
    ['a negative sample rate', { logSampleRate: -0.1 }, /logSampleRate must be from 0 to 1/],
    [
      'sampling DEBUG while logging DEBUG',
      { logSampleRate: 0.1, logLevel: 'DEBUG' },
      /logSampleRate samples DEBUG logs, which logLevel DEBUG already writes/,
    ],
    ['sampling DEBUG while logging TRACE', { logSampleRate: 0.1, logLevel: 'TRACE' }, /logLevel TRACE already writes/],
    [
      'an unknown log level',
      { logLevel: 'SILENT' as never },
      /logLevel must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, got "SILENT"/,
    ],
    ['an address without a domain', { alarmEmail: 'oncall' }, /alarmEmail must be an email address like oncall@example.com, got "oncall"/],
    ['an address with a space', { alarmEmail: 'on call@example.com' }, /alarmEmail must be an email address/],
    [
      'an email with alarms going nowhere',
      { alarmEmail: 'oncall@example.com', alarmTopic: { kind: 'none' } },
      /alarmEmail needs an alarm topic: alarmTopic create or an SNS topic ARN, not none/,
    ],
  ])('rejects %s with one clear line', (_name, props, message) => {
    expect(() => resolveStackProps(props)).toThrow(StackPropsError);
    expect(() => resolveStackProps(props)).toThrow(message);
  });

  test('the defaults pass their own validation', () => {
    expect(() => resolveStackProps()).not.toThrow();
    expect(() => resolveStackProps({ store: 'dynamodb' })).not.toThrow();
  });

  test('the parallelization factor defaults to 1 in memory and 2 with DynamoDB; 1 to 10 are accepted with DynamoDB', () => {
    expect(resolveStackProps().parallelizationFactor).toBe(1);
    expect(resolveStackProps({ store: 'dynamodb' }).parallelizationFactor).toBe(2);
    expect(resolveStackProps({ parallelizationFactor: 1 }).parallelizationFactor).toBe(1);
    for (const factor of [1, 5, 10])
      expect(resolveStackProps({ store: 'dynamodb', parallelizationFactor: factor }).parallelizationFactor).toBe(factor);
  });

  test('read API defaults: 50 requests/s, bursts of 100, no CORS origin, the stack user pool', () => {
    expect(resolveStackProps({ store: 'dynamodb' })).toMatchObject({
      apiThrottleRateLimit: 50,
      apiThrottleBurstLimit: 100,
      corsOrigins: [],
    });
    expect(resolveStackProps({ store: 'dynamodb' }).jwtIssuer).toBeUndefined();
  });
});

describe('props from cdk -c context', () => {
  const fromContext = (context: Record<string, unknown>): UserLimitsStackProps => stackPropsFromContext((key) => context[key]);

  test('no context keeps every default', () => {
    expect(fromContext({})).toEqual({});
  });

  test('strings from the command line become typed props', () => {
    const props = fromContext({
      streamMode: 'PROVISIONED',
      shardCount: '3',
      batchSize: '100',
      maxBatchingWindowSeconds: '2',
      retryAttempts: '4',
      maxRecordAgeSeconds: '3600',
      iteratorAgeAlarmSeconds: '600',
      alarmTopic: 'create',
      logLevel: 'debug',
    });
    expect(props).toMatchObject({
      stream: { kind: 'create', streamMode: StreamMode.PROVISIONED, shardCount: 3 },
      batchSize: 100,
      retryAttempts: 4,
      alarmTopic: { kind: 'create' },
      logLevel: 'DEBUG',
    });
    expect(props.maxBatchingWindow?.toSeconds()).toBe(2);
    expect(props.maxRecordAge?.toSeconds()).toBe(3600);
    expect(props.iteratorAgeAlarmThreshold?.toSeconds()).toBe(600);
  });

  test('numbers from cdk.json work too; ON_DEMAND gets no shard count', () => {
    expect(fromContext({ streamMode: 'ON_DEMAND', batchSize: 50 })).toEqual({
      stream: { kind: 'create', streamMode: StreamMode.ON_DEMAND, shardCount: undefined },
      batchSize: 50,
    });
  });

  test('the store, the parallelization factor and the read API settings; lists are comma-separated', () => {
    expect(
      fromContext({
        store: 'dynamodb',
        parallelizationFactor: '4',
        jwtIssuer: 'https://id.example.com',
        jwtAudience: 'web, support',
        apiThrottleRateLimit: '12.5',
        apiThrottleBurstLimit: '30',
        corsOrigins: 'https://a.example.com,https://b.example.com',
      }),
    ).toEqual({
      store: 'dynamodb',
      parallelizationFactor: 4,
      jwtIssuer: 'https://id.example.com',
      jwtAudience: ['web', 'support'],
      apiThrottleRateLimit: 12.5,
      apiThrottleBurstLimit: 30,
      corsOrigins: ['https://a.example.com', 'https://b.example.com'],
    });
  });

  test('lists may be JSON arrays in cdk.json', () => {
    expect(fromContext({ jwtAudience: ['web'], corsOrigins: ['https://a.example.com'] })).toEqual({
      jwtAudience: ['web'],
      corsOrigins: ['https://a.example.com'],
    });
  });

  test('the operations settings: namespace, thresholds, email and sample rate', () => {
    expect(
      fromContext({
        metricsNamespace: 'Limits/Prod',
        rejectedAlarmThreshold: '5',
        orphanedRateAlarmPercent: '2.5',
        alarmEmail: 'oncall@example.com',
        logSampleRate: '0.05',
        logLevel: 'critical',
      }),
    ).toEqual({
      metricsNamespace: 'Limits/Prod',
      rejectedAlarmThreshold: 5,
      orphanedRateAlarmPercent: 2.5,
      alarmEmail: 'oncall@example.com',
      logSampleRate: 0.05,
      logLevel: 'CRITICAL',
    });
  });

  test('a stream ARN (and key) imports the stream; a topic ARN is used for alarms', () => {
    expect(fromContext({ streamArn: STREAM_ARN, streamKeyArn: KEY_ARN, alarmTopic: TOPIC_ARN })).toEqual({
      stream: { kind: 'import', streamArn: STREAM_ARN, encryptionKeyArn: KEY_ARN },
      alarmTopic: { kind: 'import', topicArn: TOPIC_ARN },
    });
  });

  test.each([
    [{ shardCount: 'two' }, /context shardCount must be a whole number, got "two"/],
    [{ streamMode: 'FAST' }, /context streamMode must be PROVISIONED or ON_DEMAND, got "FAST"/],
    [{ streamArn: STREAM_ARN, shardCount: '2' }, /cannot be used with streamArn/],
    [{ streamKeyArn: KEY_ARN }, /only for an imported stream/],
    [{ alarmTopic: 'yes' }, /context alarmTopic must be "create", "none" or an SNS topic ARN/],
    [{ logLevel: 'LOUD' }, /context logLevel must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL/],
    [{ logLevel: 'SILENT' }, /context logLevel must be one of/],
    [{ rejectedAlarmThreshold: '-1' }, /context rejectedAlarmThreshold must be a whole number, got "-1"/],
    [{ orphanedRateAlarmPercent: '1%' }, /context orphanedRateAlarmPercent must be a number, got "1%"/],
    [{ logSampleRate: 'often' }, /context logSampleRate must be a number, got "often"/],
    [{ store: 'postgres' }, /context store must be one of memory, dynamodb, got "postgres"/],
    [{ parallelizationFactor: 'many' }, /context parallelizationFactor must be a whole number, got "many"/],
    [{ apiThrottleRateLimit: 'fast' }, /context apiThrottleRateLimit must be a number, got "fast"/],
    [{ apiThrottleBurstLimit: '1.5' }, /context apiThrottleBurstLimit must be a whole number, got "1.5"/],
  ])('rejects %j with a message naming the key', (context, message) => {
    expect(() => fromContext(context)).toThrow(StackPropsError);
    expect(() => fromContext(context)).toThrow(message);
  });
});
