import { Match, type Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_LOGICAL_ID } from '../../infra/processor-function';
import { synthStack } from './cdk-app';

// One synth (no bundling) shared by every assertion on the default stack.
let template: Template;
beforeAll(() => {
  template = synthStack().template;
});

const resourceOf = (type: string): { logicalId: string; properties: Record<string, unknown> } => {
  const resources = template.findResources(type);
  const ids = Object.keys(resources);
  expect(ids).toHaveLength(1);
  const logicalId = ids[0]!;
  return { logicalId, properties: (resources[logicalId] as { Properties: Record<string, unknown> }).Properties };
};

describe('the Kinesis stream', () => {
  test('is encrypted with KMS (the AWS-managed aws/kinesis key) and keeps records 24 h', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      RetentionPeriodHours: 24,
    });
  });

  test('is provisioned with one shard by default', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      ShardCount: 1,
    });
  });

  test('is retained when the stack is deleted (it holds the only copy of the events)', () => {
    template.hasResource('AWS::Kinesis::Stream', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the function', () => {
  test(`has the fixed logical id ${FUNCTION_LOGICAL_ID} that the sam local invoke command names`, () => {
    expect(resourceOf('AWS::Lambda::Function').logicalId).toBe(FUNCTION_LOGICAL_ID);
  });

  test('runs nodejs22.x on arm64 with index.handler from the bundle', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  // Literal figures on purpose: a change to infra/function-sizing.ts must show up here as a reviewed change.
  test('has 512 MB and a 60 s timeout (infra/function-sizing.ts)', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512, Timeout: 60 });
  });

  test('sets the Powertools service name, log level, sample rate and metrics namespace, and turns source maps on', () => {
    const { properties } = resourceOf('AWS::Lambda::Function');
    expect(properties.Environment).toEqual({
      Variables: {
        POWERTOOLS_SERVICE_NAME: 'user-limits-processor',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
        POWERTOOLS_METRICS_NAMESPACE: 'UserLimits',
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
  });

  test('logs to its own log group, kept 30 days and retained with the stack', () => {
    const logGroup = resourceOf('AWS::Logs::LogGroup');
    expect(logGroup.properties.RetentionInDays).toBe(30);
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logGroup.logicalId } },
    });
  });

  test('has a role with no AWS managed policy', () => {
    const role = resourceOf('AWS::IAM::Role');
    expect(role.properties.ManagedPolicyArns).toBeUndefined();
    expect(role.properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
    });
  });

  test('may only write its logs, read its stream and send to its DLQ, each on that one resource', () => {
    const stream = resourceOf('AWS::Kinesis::Stream').logicalId;
    const queue = resourceOf('AWS::SQS::Queue').logicalId;
    const logGroup = resourceOf('AWS::Logs::LogGroup').logicalId;
    const { properties } = resourceOf('AWS::IAM::Policy');
    const statements = (properties.PolicyDocument as { Statement: Array<{ Action: string[]; Resource: unknown; Effect: string }> })
      .Statement;
    const byResource = new Map(statements.map((statement) => [JSON.stringify(statement.Resource), statement]));
    expect(statements.every((statement) => statement.Effect === 'Allow')).toBe(true);
    expect(statements).toHaveLength(3);
    expect(byResource.get(JSON.stringify({ 'Fn::GetAtt': [logGroup, 'Arn'] }))?.Action.sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(byResource.get(JSON.stringify({ 'Fn::GetAtt': [queue, 'Arn'] }))?.Action.sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    const streamActions = byResource.get(JSON.stringify({ 'Fn::GetAtt': [stream, 'Arn'] }))?.Action ?? [];
    expect(streamActions).toEqual(
      expect.arrayContaining(['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards']),
    );
    expect(streamActions.every((action) => /^kinesis:(Describe|Get|List|Subscribe)/.test(action))).toBe(true);
  });
});

describe('the event source mapping', () => {
  test('reads the stream from TRIM_HORIZON into the function, one batch per shard at a time', () => {
    const stream = resourceOf('AWS::Kinesis::Stream').logicalId;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [stream, 'Arn'] },
      FunctionName: { Ref: FUNCTION_LOGICAL_ID },
      StartingPosition: 'TRIM_HORIZON',
      ParallelizationFactor: 1,
    });
  });

  test('reports partial batch failures and bisects a batch that crashes the function', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
    });
  });

  test('bounds retries (10) and record age (6 h)', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 6 * 3600,
    });
  });

  test('has batch size 500 and no batching window by default', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 0,
    });
  });

  test('emits its EventCount metrics (polled, invoked, failed, dropped, sent to the DLQ)', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { MetricsConfig: { Metrics: ['EventCount'] } });
  });

  test('sends what it gives up on to the SQS queue', () => {
    const queue = resourceOf('AWS::SQS::Queue').logicalId;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });
});

describe('the DLQ', () => {
  test('is encrypted (SSE-SQS) and keeps messages 14 days', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  test('denies every request not made over TLS', () => {
    const queue = resourceOf('AWS::SQS::Queue').logicalId;
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});

describe('with the in-memory store (the default)', () => {
  test('there is no table, no read API, no user pool and no secret', () => {
    for (const type of [
      'AWS::DynamoDB::Table',
      'AWS::ApiGatewayV2::Api',
      'AWS::Cognito::UserPool',
      'AWS::SecretsManager::Secret',
      'AWS::KMS::Key',
    ]) {
      template.resourceCountIs(type, 0);
    }
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });
});

describe('the outputs', () => {
  test('name the stream (name and ARN), the function, its log group, the DLQ URL and the dashboard', () => {
    const stream = resourceOf('AWS::Kinesis::Stream').logicalId;
    const queue = resourceOf('AWS::SQS::Queue').logicalId;
    const logGroup = resourceOf('AWS::Logs::LogGroup').logicalId;
    template.hasOutput('StreamName', { Value: { Ref: stream } });
    template.hasOutput('StreamArn', { Value: { 'Fn::GetAtt': [stream, 'Arn'] } });
    template.hasOutput('FunctionName', { Value: { Ref: FUNCTION_LOGICAL_ID } });
    template.hasOutput('LogGroupName', { Value: { Ref: logGroup } });
    template.hasOutput('DeadLetterQueueUrl', { Value: { Ref: queue } });
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual([
      'DashboardUrl',
      'DeadLetterQueueUrl',
      'FunctionName',
      'LogGroupName',
      'StreamArn',
      'StreamName',
    ]);
  });
});
