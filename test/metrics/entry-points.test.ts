import { readFileSync } from 'node:fs';
import type { KinesisStreamEvent } from 'aws-lambda';
import type { KinesisHandler } from '../../lambda/processor/create-handler';
import type { ReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { createLocalTable } from '../../tools/local/seed-table';
import { readEvent } from '../read-api/support/api-gateway-event';
import { startLocalTable, type LocalTable } from '../read-api/support/limits-table';
import { directiveOf, emfBlobsIn, metricValuesOf } from '../support/emf';

/**
 * The deployed modules as Lambda loads them, configured from the environment
 * only: their blobs go through Powertools' own publishing to stdout, where
 * Lambda hands them to CloudWatch Logs (and EMF extraction).
 */
describe('the Lambda entry points print their EMF blob on stdout', () => {
  const saved = { ...process.env };
  let stdout: string;
  let table: LocalTable;

  beforeAll(async () => {
    table = await startLocalTable('entry-point-limits');
  });
  afterAll(() => table.stop());
  beforeEach(() => {
    stdout = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += chunk.toString();
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...saved };
  });

  const load = <H>(module: string, environment: Record<string, string>): H => {
    process.env = { ...saved, POWERTOOLS_LOG_LEVEL: 'ERROR', ...environment }; // quiet: WARN lines would go to the test's stderr
    let handler: H | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules needs a synchronous load.
      handler = (require(module) as { handler: H }).handler;
    });
    return handler!;
  };

  const localAws = (): Record<string, string> => ({
    AWS_ENDPOINT_URL_DYNAMODB: table.dynalite.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });

  const recordedStream = JSON.parse(readFileSync('events/recorded-stream.json', 'utf8')) as KinesisStreamEvent;

  test('processor, in-memory store: the namespace from POWERTOOLS_METRICS_NAMESPACE, the service dimension, no StoreMs', async () => {
    const handler = load<KinesisHandler>('../../lambda/processor/handler', { POWERTOOLS_METRICS_NAMESPACE: 'UserLimitsTest' });
    await handler(recordedStream);
    const blobs = emfBlobsIn(stdout);
    expect(blobs).toHaveLength(1);
    expect(directiveOf(blobs[0]!)).toMatchObject({ namespace: 'UserLimitsTest', dimensions: [['service']] });
    expect(blobs[0]!.service).toBe('user-limits-processor');
    expect(metricValuesOf(blobs[0]!)).toMatchObject({ Records: 17, Applied: 9, Ignored: 6, Orphaned: 2 });
    expect(metricValuesOf(blobs[0]!)).not.toHaveProperty('StoreMs');
  });

  test('processor, no POWERTOOLS_METRICS_NAMESPACE: UserLimits', async () => {
    const { POWERTOOLS_METRICS_NAMESPACE: _unset, ...environment } = saved;
    process.env = environment;
    const handler = load<KinesisHandler>('../../lambda/processor/handler', {});
    await handler({ Records: [] });
    expect(emfBlobsIn(stdout).map((blob) => directiveOf(blob).namespace)).toEqual(['UserLimits']);
  });

  test('processor, DynamoDB store (USER_LIMITS_TABLE): StoreMs', async () => {
    await createLocalTable(table.dynalite.endpoint, 'processor-entry-point');
    const handler = load<KinesisHandler>('../../lambda/processor/handler', { ...localAws(), USER_LIMITS_TABLE: 'processor-entry-point' });
    await handler(recordedStream);
    const blobs = emfBlobsIn(stdout);
    expect(blobs).toHaveLength(1);
    expect(metricValuesOf(blobs[0]!)).toMatchObject({ Records: 17, Applied: 9, StoreMs: expect.any(Number) });
    expect(blobs[0]!.StoreMs as number).toBeGreaterThan(0);
  });

  test('read API: one blob per request, service user-limits-read-api', async () => {
    const handler = load<ReadApiHandler>('../../lambda/read-api/handler', {
      ...localAws(),
      USER_LIMITS_TABLE: table.tableName,
      NEXT_TOKEN_SECRET: Buffer.alloc(32, 1).toString('hex'),
    });
    expect((await handler(readEvent({ userId: 'alice' }))).statusCode).toBe(200);
    expect((await handler(readEvent({ userId: 'alice', claims: null }))).statusCode).toBe(401);
    const blobs = emfBlobsIn(stdout);
    expect(blobs.map((blob) => [blob.service, directiveOf(blob).dimensions])).toEqual([
      ['user-limits-read-api', [['service']]],
      ['user-limits-read-api', [['service']]],
    ]);
    expect(blobs.map((blob) => [blob.Requests, blob.ClientErrors, blob.ServerErrors])).toEqual([
      [1, 0, 0],
      [1, 1, 0],
    ]);
  });
});
