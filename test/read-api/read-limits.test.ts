import { USER_LIMIT_FIELDS } from '../../lambda/store/dynamodb/table-design';
import { accessTokenClaims } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { fullLimit, limitsOf, minimalLimit } from './support/limits';
import { createTestApi, type TestApi } from './support/read-api';

describe('GET /user-limits/{userId}: reading', () => {
  let table: LocalTable;
  let api: TestApi;
  const alice = [fullLimit('alice', 'lim-b'), minimalLimit('alice', 'lim-a'), fullLimit('alice', 'lim-c', { progress: '0.3' })];
  const bob = limitsOf('bob', 3);
  // Shares a prefix with alice: a partition-key query must not mix them.
  const alicia = [fullLimit('alice2', 'lim-a')];

  beforeAll(async () => {
    table = await startLocalTable();
    await putLimits(table, [...alice, ...bob, ...alicia]);
    api = createTestApi(table);
  });
  afterAll(() => table.stop());

  test('a user reads their own limits: every field, in userLimitId order, amounts as strings, no watermark', async () => {
    const response = await api.get({ userId: 'alice' });
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({
      userLimits: [minimalLimit('alice', 'lim-a'), fullLimit('alice', 'lim-b'), fullLimit('alice', 'lim-c', { progress: '0.3' })],
    });
    const [first, second] = response.json.userLimits as Array<Record<string, unknown>>;
    expect(Object.keys(second!)).toEqual([...USER_LIMIT_FIELDS]);
    expect(Object.keys(first!)).toEqual(USER_LIMIT_FIELDS.filter((field) => field in first!));
    expect(second).toMatchObject({ value: '10000', progress: '9800.50', previousLimitValue: '5000' });
    expect(response.body).not.toContain('WATERMARK');
    expect(response.body).not.toContain('lastSequenceNumber');
    expect(response.body).not.toContain('LIMIT#');
  });

  test('the JSON keeps decimal strings exactly as stored (no number conversion)', async () => {
    const response = await api.get({ userId: 'alice' });
    expect(response.body).toContain('"progress":"9800.50"');
    expect(response.body).toContain('"value":"200"');
  });

  test('support staff with the user-limits/read-any scope read anyone', async () => {
    const response = await api.get({ userId: 'bob', claims: accessTokenClaims('staff-9', 'openid user-limits/read-any') });
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ userLimits: bob });
  });

  test('a user with no limits gets 200 and an empty list, like an unknown user', async () => {
    for (const userId of ['nobody', 'alic']) {
      const response = await api.get({ userId });
      expect({ status: response.statusCode, body: response.json }).toEqual({ status: 200, body: { userLimits: [] } });
    }
  });

  test("other users' limits never appear", async () => {
    for (const userId of ['alice', 'bob', 'alice2']) {
      const response = await api.get({ userId, query: { limit: '100' } });
      const owners = (response.json.userLimits as Array<{ userId: string }>).map((limit) => limit.userId);
      expect(owners.length).toBeGreaterThan(0);
      expect(new Set(owners)).toEqual(new Set([userId]));
    }
  });

  test('every response is JSON and must not be cached, whatever its status', async () => {
    const responses = await Promise.all([
      api.get({ userId: 'alice' }),
      api.get({ userId: 'bob', claims: accessTokenClaims('alice') }),
      api.get({ userId: 'alice', claims: null }),
      api.get({ userId: 'alice', query: { limit: '0' } }),
      api.get({ userId: 'alice', routeKey: 'GET /other' }),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 403, 401, 400, 404]);
    for (const response of responses) {
      expect(response.headers).toEqual({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    }
  });
});
