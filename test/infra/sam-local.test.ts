import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinesisDataStreamSchema } from '@aws-lambda-powertools/parser/schemas/kinesis';
import type { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '../../infra/bundling';
import { STACK_NAME } from '../../infra/user-limits-stack';
import { synthStack } from './cdk-app';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const deploySection = readme.slice(readme.indexOf('<!-- section:deploy -->'), readme.indexOf('<!-- /section:deploy -->'));
const SAM_COMMAND = /sam local invoke -t cdk\.out\/(\S+)\.template\.json (\S+) -e (events\/\S+\.json)/g;
const commands = [...deploySection.matchAll(SAM_COMMAND)].map(([, stack, logicalId, event]) => ({
  stack: stack!,
  logicalId: logicalId!,
  event: event!,
}));

const EVENTS_DIR = join(PROJECT_ROOT, 'events');
const eventFiles = readdirSync(EVENTS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

let template: Template;
let templateFile: string;
beforeAll(() => {
  const synthesized = synthStack();
  template = synthesized.template;
  templateFile = synthesized.stack.templateFile;
});

describe('the README sam local invoke commands', () => {
  test('are there, in the deploy section', () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  test.each(commands)('$logicalId is a Lambda function of the synthesized $stack template', ({ stack, logicalId }) => {
    expect(stack).toBe(STACK_NAME);
    expect(`${stack}.template.json`).toBe(templateFile);
    const functions = template.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toContain(logicalId);
  });

  test.each(commands)('$event exists', ({ event }) => {
    expect(eventFiles).toContain(event.replace(/^events\//, ''));
  });
});

/** The parts of a record Lambda fills in that the Powertools schema leaves loose. */
const strictRecordIssues = (record: Record<string, unknown>, index: number): string[] => {
  const kinesis = record.kinesis as Record<string, unknown>;
  const issues: string[] = [];
  const sequenceNumber = String(kinesis.sequenceNumber);
  const data = String(kinesis.data);
  if (!/^\d{1,128}$/.test(sequenceNumber)) issues.push(`Records[${index}].kinesis.sequenceNumber is not digits`);
  if (Buffer.from(data, 'base64').toString('base64') !== data) issues.push(`Records[${index}].kinesis.data is not canonical base64`);
  if (String(kinesis.partitionKey).length < 1 || String(kinesis.partitionKey).length > 256)
    issues.push(`Records[${index}].kinesis.partitionKey length`);
  if (!/^shardId-\d{12}:\d+$/.test(String(record.eventID)) || !String(record.eventID).endsWith(`:${sequenceNumber}`)) {
    issues.push(`Records[${index}].eventID is not <shardId>:<sequenceNumber>`);
  }
  if (!/^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/\S+$/.test(String(record.eventSourceARN)))
    issues.push(`Records[${index}].eventSourceARN`);
  if (String(record.eventSourceARN).split(':')[3] !== record.awsRegion) issues.push(`Records[${index}].awsRegion differs from the ARN's`);
  return issues;
};

describe('every events/*.json file', () => {
  test('there are sample events', () => {
    expect(eventFiles.length).toBeGreaterThan(0);
  });

  test.each(eventFiles)('%s has the shape Lambda sends for a Kinesis batch', (name) => {
    const event = JSON.parse(readFileSync(join(EVENTS_DIR, name), 'utf8')) as { Records: Array<Record<string, unknown>> };
    const parsed = KinesisDataStreamSchema.safeParse(event);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(event.Records.flatMap(strictRecordIssues)).toEqual([]);
  });
});
