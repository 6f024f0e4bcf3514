import { decideAccess, READ_ANY_SCOPE, scopesOf } from '../../lambda/read-api/authorization';
import { accessTokenClaims } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { fullLimit } from './support/limits';
import { createTestApi, type TestApi } from './support/read-api';

describe('who may read (from the verified JWT claims only)', () => {
  let table: LocalTable;
  let api: TestApi;

  beforeAll(async () => {
    table = await startLocalTable();
    await putLimits(table, [fullLimit('alice', 'lim-1'), fullLimit('bob', 'lim-1')]);
    api = createTestApi(table);
  });
  afterAll(() => table.stop());

  /** A 401/403 body is a fixed message: no limit, no user id, nothing to probe with. */
  const expectNoData = (body: string) => {
    expect(Object.keys(JSON.parse(body) as object)).toEqual(['message']);
    for (const leak of ['bob', 'alice', 'lim-1', '10000', 'SEK']) expect(body).not.toContain(leak);
  };

  test("another user's limits → 403 without data", async () => {
    const response = await api.get({ userId: 'bob', claims: accessTokenClaims('alice') });
    expect(response.statusCode).toBe(403);
    expect(response.json).toEqual({ message: 'forbidden' });
    expectNoData(response.body);
  });

  test('the same 403 for a user that exists and one that does not (no probing)', async () => {
    const known = await api.get({ userId: 'bob', claims: accessTokenClaims('alice') });
    const unknown = await api.get({ userId: 'nobody', claims: accessTokenClaims('alice') });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.body).toBe(known.body);
  });

  test('no authorizer context, or empty claims → 401 without data', async () => {
    for (const claims of [null, {}]) {
      const response = await api.get({ userId: 'bob', claims });
      expect(response.statusCode).toBe(401);
      expect(response.json).toEqual({ message: 'unauthorized' });
      expectNoData(response.body);
    }
  });

  test('headers and query parameters never grant access', async () => {
    const response = await api.get({
      userId: 'bob',
      claims: accessTokenClaims('alice'),
      headers: { 'x-user-id': 'bob', 'x-scope': READ_ANY_SCOPE, 'x-amzn-oidc-identity': 'bob' },
      query: { sub: 'bob', scope: READ_ANY_SCOPE, userId: 'alice' },
    });
    expect(response.statusCode).toBe(403);
  });

  test('read-any works as a space-separated string, an array, or API Gateway’s "[a b]" rendering', async () => {
    for (const scope of [READ_ANY_SCOPE, `openid ${READ_ANY_SCOPE} profile`, [READ_ANY_SCOPE], `[openid ${READ_ANY_SCOPE}]`]) {
      const response = await api.get({ userId: 'bob', claims: { ...accessTokenClaims('staff-1'), scope } });
      expect({ scope, status: response.statusCode }).toEqual({ scope, status: 200 });
    }
  });

  test('a scope that only resembles read-any does not grant it', async () => {
    for (const scope of [
      'user-limits/read',
      'user-limits/read-any-x',
      'xuser-limits/read-any',
      'user-limits/READ-ANY',
      'user-limits/read-any,openid',
    ]) {
      const response = await api.get({ userId: 'bob', claims: { ...accessTokenClaims('staff-1'), scope } });
      expect({ scope, status: response.statusCode }).toEqual({ scope, status: 403 });
    }
  });

  test('the path parameter is compared exactly: no case folding, no trimming', async () => {
    for (const userId of ['Bob', 'bob ', ' bob']) {
      const response = await api.get({ userId, claims: accessTokenClaims('bob') });
      expect({ userId, status: response.statusCode }).toEqual({ userId, status: 403 });
    }
  });
});

describe('decideAccess', () => {
  test('own, read-any, forbidden, unauthenticated', () => {
    expect(decideAccess({ sub: 'u1' }, 'u1')).toBe('own');
    expect(decideAccess({ sub: 'staff', scope: READ_ANY_SCOPE }, 'u1')).toBe('read-any');
    expect(decideAccess({ sub: 'u2' }, 'u1')).toBe('forbidden');
    expect(decideAccess(undefined, 'u1')).toBe('unauthenticated');
  });

  test('a sub that is not a non-empty string never matches', () => {
    expect(decideAccess({ sub: '' }, '')).toBe('forbidden');
    expect(decideAccess({ sub: 42 }, '42')).toBe('forbidden');
    expect(decideAccess({ sub: ['u1'] }, 'u1')).toBe('forbidden');
    expect(decideAccess({ scope: 'openid' }, 'u1')).toBe('forbidden');
  });

  test('scopesOf ignores non-strings and empty entries', () => {
    expect(scopesOf({ scope: '  a   b ' })).toEqual(['a', 'b']);
    expect(scopesOf({ scope: ['a', 3, 'b'] })).toEqual(['a', 'b']);
    expect(scopesOf({ scope: 7 })).toEqual([]);
    expect(scopesOf({})).toEqual([]);
  });
});
