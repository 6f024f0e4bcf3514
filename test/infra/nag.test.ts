import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { applyNagChecks } from '../../infra/nag';
import type { UserLimitsStackProps } from '../../infra/stack-props';
import { STACK_NAME, UserLimitsStack } from '../../infra/user-limits-stack';
import { testApp } from './cdk-app';

/** Every finding of the AwsSolutions pack as "rule at construct path", acknowledged ones left out. */
const findings = (scope: IConstruct, pack = new AwsSolutionsChecks()): string[] =>
  pack
    .validateScope(scope)
    .violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`))
    .sort();

/** The same pack, blind to acknowledgements: what the stack would be flagged for without them. */
const rawFindings = (scope: IConstruct): string[] => {
  const pack = new AwsSolutionsChecks();
  Object.assign(pack, { isAcknowledged: () => false });
  return findings(scope, pack);
};

/** Every acknowledgement in the tree as "rule at construct path" with its reason. */
const acknowledgements = (scope: IConstruct): Array<{ finding: string; reason: string }> =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          construct,
          reason: typeof reason === 'string' ? reason : JSON.stringify(reason),
        })),
      )
      .map(({ id, construct: owner, reason }) => {
        // An acknowledgement on an L2 construct covers its CloudFormation resource.
        const target = owner.node.defaultChild ?? owner;
        return { finding: `${id} at ${target.node.path}`, reason };
      }),
  );

const stackWith = (props: UserLimitsStackProps = {}): { app: App; stack: UserLimitsStack } => {
  const app = testApp();
  return { app, stack: new UserLimitsStack(app, STACK_NAME, props) };
};

const VARIANTS: Array<[string, UserLimitsStackProps]> = [
  ['the default stack', {}],
  ['an on-demand stream', { stream: { kind: 'create', streamMode: StreamMode.ON_DEMAND, shardCount: undefined } }],
  [
    'an imported stream with its key',
    {
      stream: {
        kind: 'import',
        streamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/s',
        encryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      },
    },
  ],
  ['a created alarm topic', { alarmTopic: { kind: 'create' } }],
  ['an existing alarm topic', { alarmTopic: { kind: 'import', topicArn: 'arn:aws:sns:eu-west-1:123456789012:on-call' } }],
  ['an alarm email (topic created) and DEBUG sampling', { alarmEmail: 'oncall@example.com', logLevel: 'WARN', logSampleRate: 0.1 }],
  ['the DynamoDB store with the read API and its own user pool', { store: 'dynamodb' }],
  [
    'the DynamoDB store with an external issuer, CORS and parallelization 10',
    {
      store: 'dynamodb',
      jwtIssuer: 'https://id.example.com',
      jwtAudience: ['web'],
      corsOrigins: ['https://a.example.com'],
      parallelizationFactor: 10,
    },
  ],
];

describe('cdk-nag AwsSolutions', () => {
  test.each(VARIANTS)('%s has no unacknowledged finding', (_name, props) => {
    expect(findings(stackWith(props).app)).toEqual([]);
  });

  test('each acknowledgement matches a finding the stack really has, and nothing else is acknowledged', () => {
    const { app } = stackWith({ alarmTopic: { kind: 'create' } });
    expect(
      acknowledgements(app)
        .map(({ finding }) => finding)
        .sort(),
    ).toEqual(rawFindings(app));
    expect(rawFindings(app)).toEqual([
      `AwsSolutions-L1 at ${STACK_NAME}/Processor/Function/Resource`,
      `AwsSolutions-SQS3 at ${STACK_NAME}/FailedBatches/Resource`,
    ]);
  });

  test('with the DynamoDB store: the same, plus the read function runtime, the paging-token secret rotation and optional MFA', () => {
    const { app } = stackWith({ store: 'dynamodb', alarmTopic: { kind: 'create' } });
    expect(
      acknowledgements(app)
        .map(({ finding }) => finding)
        .sort(),
    ).toEqual(rawFindings(app));
    expect(rawFindings(app)).toEqual([
      `AwsSolutions-COG2 at ${STACK_NAME}/ReadApi/Users/Pool/Resource`,
      `AwsSolutions-L1 at ${STACK_NAME}/Processor/Function/Resource`,
      `AwsSolutions-L1 at ${STACK_NAME}/ReadApi/Handler/Function/Resource`,
      `AwsSolutions-SMG4 at ${STACK_NAME}/ReadApi/Handler/NextTokenKey/Resource`,
      `AwsSolutions-SQS3 at ${STACK_NAME}/FailedBatches/Resource`,
    ]);
  });

  test('an external issuer needs no MFA acknowledgement (there is no user pool)', () => {
    const { app } = stackWith({ store: 'dynamodb', jwtIssuer: 'https://id.example.com', jwtAudience: ['web'] });
    expect(
      acknowledgements(app)
        .map(({ finding }) => finding)
        .sort(),
    ).toEqual(rawFindings(app));
    expect(rawFindings(app).some((finding) => finding.startsWith('AwsSolutions-COG'))).toBe(false);
  });

  test.each<[string, UserLimitsStackProps]>([
    ['in-memory', {}],
    ['DynamoDB', { store: 'dynamodb' }],
  ])('each acknowledgement gives its own specific reason (%s)', (_name, props) => {
    const reasons = acknowledgements(stackWith(props).app).map(({ reason }) => reason);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThanOrEqual(80);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  test('the check catches what it should: an unencrypted, non-TLS queue added to the stack is reported', () => {
    const { app, stack } = stackWith();
    new Queue(stack, 'Careless', { encryption: QueueEncryption.UNENCRYPTED });
    expect(findings(app)).toEqual(
      expect.arrayContaining([
        `AwsSolutions-SQS2 at ${STACK_NAME}/Careless/Resource`,
        `AwsSolutions-SQS4 at ${STACK_NAME}/Careless/Resource`,
      ]),
    );
  });

  const readReport = (outdir: string): Array<{ pluginName: string; violations: Array<{ ruleName: string }> }> =>
    (JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: ReturnType<typeof readReport> })
      .pluginReports;

  const inTempDir = (use: (outdir: string) => void): void => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-nag-'));
    try {
      use(outdir);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };

  test('synthesis as the app runs it fails on an unacknowledged finding and reports it', () => {
    inTempDir((outdir) => {
      const app = testApp({ outdir });
      const stack = new UserLimitsStack(app, STACK_NAME, {});
      new Queue(stack, 'Careless', { encryption: QueueEncryption.UNENCRYPTED });
      applyNagChecks(app);
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
      const report = readReport(outdir);
      expect(report.map(({ pluginName }) => pluginName)).toEqual(['AwsSolutions']);
      expect(report[0]?.violations.map(({ ruleName }) => ruleName)).toEqual(
        expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS4']),
      );
    });
  });

  test.each<[string, UserLimitsStackProps]>([
    ['in-memory', { alarmTopic: { kind: 'create' } }],
    ['DynamoDB', { store: 'dynamodb', alarmTopic: { kind: 'create' }, corsOrigins: ['https://a.example.com'] }],
  ])(
    'synthesis as the app runs it, plus the CloudFormation schema validation the app skips for speed, passes clean (%s)',
    (_name, props) => {
      inTempDir((outdir) => {
        const app = testApp({ outdir, builtinCloudFormationValidation: true });
        new UserLimitsStack(app, STACK_NAME, props);
        applyNagChecks(app);
        expect(() => app.synth()).not.toThrow();
        expect(readReport(outdir)).toEqual([]);
      });
    },
  );
});
