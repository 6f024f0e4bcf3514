import type { ReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { readEvent } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { fullLimit } from './support/limits';
import { startLocalSecretsManager } from './support/secrets-manager-server';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:NextTokenKey-AbCdEf';
/** What the stack's generated secret looks like: 64 letters and digits. */
const GENERATED_SECRET = 'k3Jq9ZpL2mWx7VbN4cRt8YhF1sDg6AeU0oIyQ5wKzXvB2nMjH7lPa9CrE3tGu6Sd';

/** lambda/read-api/handler.ts as Lambda loads it: configured from the environment only. */
describe('the Lambda entry point (handler.ts)', () => {
  let table: LocalTable;
  const saved = { ...process.env };

  beforeAll(async () => {
    table = await startLocalTable('limits-from-env');
    await putLimits(table, [fullLimit('alice', 'lim-1'), fullLimit('alice', 'lim-2')]);
  });
  afterAll(() => table.stop());
  afterEach(() => {
    process.env = { ...saved };
  });

  const localAws = (): Record<string, string> => ({
    AWS_ENDPOINT_URL_DYNAMODB: table.dynalite.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
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

  /** Both pages of alice's two limits, one limit per page; the second request opens the first one's token. */
  const readBothPages = async (handler: ReadApiHandler): Promise<unknown[]> => {
    const first = await handler(readEvent({ userId: 'alice', query: { limit: '1' } }));
    expect(first.statusCode).toBe(200);
    const firstBody = JSON.parse(first.body) as { userLimits: unknown[]; nextToken: string };
    const second = await handler(readEvent({ userId: 'alice', query: { limit: '1', nextToken: firstBody.nextToken } }));
    expect(second.statusCode).toBe(200);
    return [...firstBody.userLimits, ...(JSON.parse(second.body) as { userLimits: unknown[] }).userLimits];
  };

  test('local run: reads USER_LIMITS_TABLE and NEXT_TOKEN_SECRET; the SDK finds the endpoint and credentials', async () => {
    const handler = loadHandler({
      ...localAws(),
      USER_LIMITS_TABLE: table.tableName,
      NEXT_TOKEN_SECRET: Buffer.alloc(32, 1).toString('hex'),
    });
    expect(await readBothPages(handler)).toEqual([fullLimit('alice', 'lim-1'), fullLimit('alice', 'lim-2')]);
  });

  test('as deployed: NEXT_TOKEN_SECRET_ARN is read through the real Secrets Manager client, once, signed, on first use', async () => {
    const secrets = await startLocalSecretsManager(SECRET_ARN, { secretString: GENERATED_SECRET });
    try {
      const handler = loadHandler({
        ...localAws(),
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
        USER_LIMITS_TABLE: table.tableName,
        NEXT_TOKEN_SECRET_ARN: SECRET_ARN,
      });
      expect(secrets.calls).toEqual([]);
      for (let round = 0; round < 3; round += 1) {
        expect(await readBothPages(handler)).toEqual([fullLimit('alice', 'lim-1'), fullLimit('alice', 'lim-2')]);
      }
      expect(secrets.calls).toHaveLength(1);
      expect(secrets.calls[0]).toMatchObject({ target: 'secretsmanager.GetSecretValue', body: { SecretId: SECRET_ARN } });
      expect(secrets.calls[0]!.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request/,
      );
    } finally {
      await secrets.stop();
    }
  });

  test('as deployed: Secrets Manager refusing → 500; once it answers, the next request succeeds', async () => {
    const secrets = await startLocalSecretsManager(SECRET_ARN, {
      status: 400,
      errorType: 'AccessDeniedException',
      message: 'not authorized',
    });
    try {
      const handler = loadHandler({
        ...localAws(),
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
        USER_LIMITS_TABLE: table.tableName,
        NEXT_TOKEN_SECRET_ARN: SECRET_ARN,
      });
      const refused = await handler(readEvent({ userId: 'alice' }));
      expect(refused).toMatchObject({ statusCode: 500, body: '{"message":"internal error"}' });
      expect(secrets.calls).toHaveLength(1);
      secrets.answer = { secretString: GENERATED_SECRET };
      expect(await readBothPages(handler)).toHaveLength(2);
      expect(secrets.calls).toHaveLength(2);
    } finally {
      await secrets.stop();
    }
  });

  test('without USER_LIMITS_TABLE the cold start fails with a one-line reason', () => {
    expect(() => loadHandler({ USER_LIMITS_TABLE: '' })).toThrow('USER_LIMITS_TABLE is not set');
  });

  test('a NEXT_TOKEN_SECRET that is too short fails the cold start', () => {
    expect(() => loadHandler({ USER_LIMITS_TABLE: 't', NEXT_TOKEN_SECRET: 'abcd' })).toThrow('at least 32 bytes');
  });

  test('NEXT_TOKEN_SECRET and NEXT_TOKEN_SECRET_ARN both set fail the cold start', () => {
    expect(() =>
      loadHandler({ USER_LIMITS_TABLE: 't', NEXT_TOKEN_SECRET: Buffer.alloc(32).toString('hex'), NEXT_TOKEN_SECRET_ARN: SECRET_ARN }),
    ).toThrow('set NEXT_TOKEN_SECRET_ARN or NEXT_TOKEN_SECRET, not both');
  });
});
