import type { ReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { readEvent } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { fullLimit } from './support/limits';

/** lambda/read-api/handler.ts as Lambda loads it: configured from the environment only. */
describe('the Lambda entry point (handler.ts)', () => {
  let table: LocalTable;
  const saved = { ...process.env };

  beforeAll(async () => {
    table = await startLocalTable('limits-from-env');
    await putLimits(table, [fullLimit('alice', 'lim-1')]);
  });
  afterAll(() => table.stop());
  afterEach(() => {
    process.env = { ...saved };
  });

  const loadHandler = (environment: Record<string, string>): ReadApiHandler => {
    process.env = { ...saved, POWERTOOLS_LOG_LEVEL: 'ERROR', ...environment };
    let handler: ReadApiHandler | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules needs a synchronous load.
      handler = (require('../../lambda/read-api/handler') as { handler: ReadApiHandler }).handler;
    });
    return handler!;
  };

  test('reads TABLE_NAME and NEXT_TOKEN_SECRET; the SDK finds the endpoint and credentials', async () => {
    const handler = loadHandler({
      TABLE_NAME: table.tableName,
      NEXT_TOKEN_SECRET: Buffer.alloc(32, 1).toString('hex'),
      AWS_ENDPOINT_URL_DYNAMODB: table.dynalite.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const response = await handler(readEvent({ userId: 'alice', query: { limit: '1' } }));
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { userLimits: unknown[] };
    expect(body.userLimits).toEqual([fullLimit('alice', 'lim-1')]);
  });

  test('without TABLE_NAME the cold start fails with a one-line reason', () => {
    expect(() => loadHandler({ TABLE_NAME: '' })).toThrow('TABLE_NAME is not set');
  });

  test('a NEXT_TOKEN_SECRET that is too short fails the cold start', () => {
    expect(() => loadHandler({ TABLE_NAME: 't', NEXT_TOKEN_SECRET: 'abcd' })).toThrow('at least 32 bytes');
  });
});
