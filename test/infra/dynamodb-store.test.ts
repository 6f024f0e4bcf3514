import type { Template } from 'aws-cdk-lib/assertions';
import { synthStack } from './cdk-app';
import { allAllowedActions, onlyResource, statementsOfFunctionRole } from './template-queries';

// One synth (no bundling) of the stack with the DynamoDB store, shared by the assertions below.
let template: Template;
beforeAll(() => {
  template = synthStack({ store: 'dynamodb' }).template;
});

const tableId = (): string => onlyResource(template, 'AWS::DynamoDB::Table').logicalId;
const keyId = (): string => onlyResource(template, 'AWS::KMS::Key').logicalId;
const VIA_DYNAMODB = { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } };

describe('the user limits table', () => {
  test('has partition key userId (S) and sort key sk (S), as lambda/store/dynamodb/table-design.ts reads them', () => {
    const { properties } = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(properties.KeySchema).toEqual([
      { AttributeName: 'userId', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(properties.AttributeDefinitions).toEqual([
      { AttributeName: 'userId', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
    expect(properties.GlobalSecondaryIndexes).toBeUndefined();
  });

  test('is on-demand, with point-in-time recovery and deletion protection', () => {
    const { properties } = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(properties.ProvisionedThroughput).toBeUndefined();
    expect(properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(properties.DeletionProtectionEnabled).toBe(true);
  });

  test('is encrypted with its own customer-managed, rotating KMS key', () => {
    const { properties } = onlyResource(template, 'AWS::DynamoDB::Table');
    expect(properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId(), 'Arn'] } });
    expect(onlyResource(template, 'AWS::KMS::Key').properties.EnableKeyRotation).toBe(true);
  });

  test('table and key are both retained when the stack is deleted or the resource replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('its name is an output', () => {
    template.hasOutput('TableName', { Value: { Ref: tableId() } });
  });
});

describe('the processor with the DynamoDB store', () => {
  test('gets the table name in USER_LIMITS_TABLE, next to its other settings', () => {
    const { properties } = onlyResource(template, 'AWS::Lambda::Function', { Properties: { Handler: 'index.handler', MemorySize: 512 } });
    expect(properties.Environment).toEqual({
      Variables: {
        POWERTOOLS_SERVICE_NAME: 'user-limits-processor',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0',
        POWERTOOLS_METRICS_NAMESPACE: 'UserLimits',
        NODE_OPTIONS: '--enable-source-maps',
        USER_LIMITS_TABLE: { Ref: tableId() },
      },
    });
  });

  test('may BatchGetItem and PutItem on the table (what the adapter sends) and nothing else on it', () => {
    const onTable = statementsOfFunctionRole(template, 'UserLimitsProcessor').filter(
      (statement) => JSON.stringify(statement.Resource) === JSON.stringify({ 'Fn::GetAtt': [tableId(), 'Arn'] }),
    );
    expect(onTable).toHaveLength(1);
    expect(onTable[0]).toEqual({
      Effect: 'Allow',
      Action: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'],
      Resource: { 'Fn::GetAtt': [tableId(), 'Arn'] },
    });
  });

  test('may use the table key only through DynamoDB, to decrypt and encrypt', () => {
    const onKey = statementsOfFunctionRole(template, 'UserLimitsProcessor').filter(
      (statement) => JSON.stringify(statement.Resource) === JSON.stringify({ 'Fn::GetAtt': [keyId(), 'Arn'] }),
    );
    expect(onKey).toEqual([
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: { 'Fn::GetAtt': [keyId(), 'Arn'] },
        Condition: VIA_DYNAMODB,
      },
    ]);
  });

  test('has exactly five statements: logs, table, key, DLQ, stream', () => {
    const resources = statementsOfFunctionRole(template, 'UserLimitsProcessor').map((statement) => JSON.stringify(statement.Resource));
    expect(resources).toHaveLength(5);
    expect(new Set(resources).size).toBe(5);
  });

  test('reads the stream with 2 concurrent batches per shard by default', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ParallelizationFactor: 2 });
  });

  test('takes another parallelization factor up to 10', () => {
    const { template: ten } = synthStack({ store: 'dynamodb', parallelizationFactor: 10 });
    ten.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ParallelizationFactor: 10 });
  });
});

describe('IAM across the whole stack', () => {
  test('no role may scan, delete, batch-write or use a dynamodb/kms wildcard', () => {
    const actions = allAllowedActions(template);
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    expect(actions.filter((action) => /Scan|Delete|BatchWrite|\*/.test(action) && /^(dynamodb|kms):/.test(action))).toEqual([]);
  });

  test('no role has an AWS managed policy', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role')) as Array<{ Properties: Record<string, unknown> }>;
    expect(roles).toHaveLength(2);
    for (const role of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
