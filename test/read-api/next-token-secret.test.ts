import { type FetchSecret, nextTokenKeySource } from '../../lambda/read-api/next-token-key';
import { captureLogs } from '../support/log-capture';
import { accessTokenClaims } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { limitsOf } from './support/limits';
import { createTestApi, type TestApi } from './support/read-api';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:NextTokenKey-AbCdEf';
const KEY_TEXT = Buffer.alloc(32, 0x33).toString('hex');

/** A fake Secrets Manager whose answer the test sets; it counts GetSecretValue calls. */
class FakeSecretsManager {
  calls = 0;
  answer: () => string = () => KEY_TEXT;
  readonly fetchSecret: FetchSecret = async (secretId) => {
    expect(secretId).toBe(SECRET_ARN);
    this.calls += 1;
    return this.answer();
  };
}

/** The read API configured as deployed (NEXT_TOKEN_SECRET_ARN), over the fake. */
const apiOver = (table: LocalTable, secrets: FakeSecretsManager): TestApi =>
  createTestApi(
    table,
    nextTokenKeySource({
      environment: { NEXT_TOKEN_SECRET_ARN: SECRET_ARN },
      logger: captureLogs().logger,
      fetchSecret: secrets.fetchSecret,
    }),
  );

describe('the paging-token key from Secrets Manager, through the handler', () => {
  let table: LocalTable;

  beforeAll(async () => {
    table = await startLocalTable();
    await putLimits(table, limitsOf('alice', 7));
  });
  afterAll(() => table.stop());

  test('read once for the container, across many requests that issue and open tokens', async () => {
    const secrets = new FakeSecretsManager();
    const api = apiOver(table, secrets);
    for (let round = 0; round < 5; round += 1) {
      let nextToken: string | undefined;
      let seen = 0;
      do {
        const response = await api.get({ userId: 'alice', query: { limit: '2', ...(nextToken === undefined ? {} : { nextToken }) } });
        expect(response.statusCode).toBe(200);
        seen += (response.json.userLimits as unknown[]).length;
        nextToken = response.json.nextToken as string | undefined;
      } while (nextToken !== undefined);
      expect(seen).toBe(7);
    }
    expect(secrets.calls).toBe(1);
  });

  test('a failed read → 500 {"message":"internal error"} with the reason in the ERROR log; the next request reads again and succeeds', async () => {
    const secrets = new FakeSecretsManager();
    secrets.answer = () => {
      throw new Error('ThrottlingException: Rate exceeded');
    };
    const api = apiOver(table, secrets);
    const failed = await api.get({ userId: 'alice' });
    expect(failed.statusCode).toBe(500);
    expect(failed.body).toBe('{"message":"internal error"}');
    const errors = api.logs.entries().filter((entry) => entry.level === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain(
      `reading the paging-token key from ${SECRET_ARN} failed: ThrottlingException: Rate exceeded`,
    );
    expect(JSON.stringify(api.logs.lines)).not.toContain(KEY_TEXT);

    secrets.answer = () => KEY_TEXT;
    const recovered = await api.get({ userId: 'alice', query: { limit: '2' } });
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json.nextToken).toEqual(expect.any(String));
    expect((await api.get({ userId: 'alice', query: { limit: '2', nextToken: recovered.json.nextToken as string } })).statusCode).toBe(200);
    expect(secrets.calls).toBe(2);
  });

  test('a secret too short to be a key → 500, and the log says what is wrong without the value', async () => {
    const secrets = new FakeSecretsManager();
    secrets.answer = () => 'c2hvcnQ';
    const api = apiOver(table, secrets);
    expect((await api.get({ userId: 'alice' })).statusCode).toBe(500);
    const logged = JSON.stringify(api.logs.entries().filter((entry) => entry.level === 'ERROR'));
    expect(logged).toContain(`the secret NEXT_TOKEN_SECRET_ARN names (${SECRET_ARN}) must be hex or base64 of at least 32 bytes`);
    expect(logged).not.toContain('c2hvcnQ');
  });

  test('401, 403 and 400 answers do not depend on Secrets Manager (it is not even asked)', async () => {
    const secrets = new FakeSecretsManager();
    secrets.answer = () => {
      throw new Error('Secrets Manager is down');
    };
    const api = apiOver(table, secrets);
    expect((await api.get({ userId: 'alice', claims: null })).statusCode).toBe(401);
    expect((await api.get({ userId: 'alice', claims: accessTokenClaims('mallory') })).statusCode).toBe(403);
    expect((await api.get({ userId: 'alice', query: { limit: '0' } })).statusCode).toBe(400);
    expect(secrets.calls).toBe(0);
  });
});
