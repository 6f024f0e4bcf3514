import { accessTokenClaims } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { limitsOf } from './support/limits';
import { createTestApi, type TestApi } from './support/read-api';

describe('bad input → 400 naming the parameter', () => {
  let table: LocalTable;
  let api: TestApi;

  beforeAll(async () => {
    table = await startLocalTable();
    await putLimits(table, limitsOf('alice', 3));
    api = createTestApi(table);
  });
  afterAll(() => table.stop());

  test.each(['0', '101', '1.5', 'abc', '', '-1', '1e1', ' 5', '5 ', '1,2', '0x10', '1000'])('limit=%j', async (limit) => {
    const response = await api.get({ userId: 'alice', query: { limit } });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({ message: 'limit must be an integer from 1 to 100' });
  });

  test('limit 1 and 100 are accepted, and the page holds at most that many', async () => {
    const one = await api.get({ userId: 'alice', query: { limit: '1' } });
    const hundred = await api.get({ userId: 'alice', query: { limit: '100' } });
    expect([one.statusCode, hundred.statusCode]).toEqual([200, 200]);
    expect((one.json.userLimits as unknown[]).length).toBe(1);
    expect((hundred.json.userLimits as unknown[]).length).toBe(3);
  });

  test('a userId of 257 characters → 400; 256 is fine', async () => {
    const tooLong = 'u'.repeat(257);
    const response = await api.get({ userId: tooLong, claims: accessTokenClaims(tooLong) });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({ message: 'userId must be 1 to 256 characters long' });
    expect(response.body).not.toContain(tooLong);

    const longest = 'u'.repeat(256);
    const ok = await api.get({ userId: longest, claims: accessTokenClaims(longest) });
    expect(ok.statusCode).toBe(200);
  });

  test('characters are counted, not UTF-16 units: 256 emoji are accepted', async () => {
    const userId = '😀'.repeat(256);
    const response = await api.get({ userId, claims: accessTokenClaims(userId) });
    expect(response.statusCode).toBe(200);
  });

  test('an empty userId → 400', async () => {
    const response = await api.get({ userId: '', claims: accessTokenClaims('alice') });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({ message: 'userId must be 1 to 256 characters long' });
  });

  test('a caller who may not read the user gets 403 before any limit check', async () => {
    const response = await api.get({ userId: 'alice', claims: accessTokenClaims('mallory'), query: { limit: 'abc' } });
    expect(response.statusCode).toBe(403);
  });

  test('an event for another route → 404 (API Gateway only sends this route; nothing else is served)', async () => {
    const response = await api.get({ userId: 'alice', routeKey: 'GET /user-limits/{userId}/history' });
    expect(response.statusCode).toBe(404);
    expect(response.json).toEqual({ message: 'not found' });
  });
});
