import { createNextTokenCodec } from '../../lambda/read-api/next-token';
import { accessTokenClaims } from './support/api-gateway-event';
import { putLimits, startLocalTable, type LocalTable } from './support/limits-table';
import { limitsOf } from './support/limits';
import { createTestApi, TEST_TOKEN_KEY, type TestApi } from './support/read-api';

type Page = { userLimits: Array<{ userLimitId: string; userId: string }>; nextToken?: string };

describe('paging with ?limit and ?nextToken', () => {
  let table: LocalTable;
  let api: TestApi;
  const alice = limitsOf('alice', 11);
  const bob = limitsOf('bob', 5);

  beforeAll(async () => {
    table = await startLocalTable();
    await putLimits(table, [...alice, ...bob]);
    api = createTestApi(table);
  });
  afterAll(() => table.stop());

  const readAllPages = async (userId: string, limit: string) => {
    const pages: Page[] = [];
    let nextToken: string | undefined;
    do {
      const response = await api.get({ userId, query: { limit, ...(nextToken === undefined ? {} : { nextToken }) } });
      expect(response.statusCode).toBe(200);
      const page = response.json as Page;
      pages.push(page);
      nextToken = page.nextToken;
    } while (nextToken !== undefined && pages.length < 50);
    return pages;
  };

  test('4 pages of at most 3 cover all 11 limits, each exactly once, in userLimitId order', async () => {
    const pages = await readAllPages('alice', '3');
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const page of pages) expect(page.userLimits.length).toBeLessThanOrEqual(3);
    const ids = pages.flatMap((page) => page.userLimits.map((limit) => limit.userLimitId));
    expect(ids).toEqual(alice.map((limit) => limit.userLimitId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.at(-1)!.nextToken).toBeUndefined();
    expect(pages.flatMap((page) => page.userLimits)).toEqual(alice);
  });

  test('page sizes 1, 2, 5, 10 all reach every item once (including a full last page)', async () => {
    for (const limit of ['1', '2', '5', '10', '11']) {
      const ids = (await readAllPages('alice', limit)).flatMap((page) => page.userLimits.map((entry) => entry.userLimitId));
      expect({ limit, ids }).toEqual({ limit, ids: alice.map((entry) => entry.userLimitId) });
    }
  });

  test('a token is opaque: it does not show the sort key or the user id in plain text', async () => {
    const first = (await api.get({ userId: 'alice', query: { limit: '2' } })).json as Page;
    expect(first.nextToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(first.nextToken).not.toContain('limit-001');
    expect(first.nextToken).not.toContain('alice');
  });

  test('a tampered token → 400 nextToken is invalid', async () => {
    const first = (await api.get({ userId: 'alice', query: { limit: '2' } })).json as Page;
    const token = first.nextToken!;
    const [sortKeyPart, macPart] = token.split('.') as [string, string];
    const forgedSortKey = Buffer.from('LIMIT#limit-007').toString('base64url');
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const tampered = [
      `${forgedSortKey}.${macPart}`,
      `${sortKeyPart}.${flip(macPart, 5)}`,
      flip(token, 0),
      `${sortKeyPart}.`,
      sortKeyPart,
      `${token}A`,
      'garbage',
      '',
      `${token}.${macPart}`,
      'A'.repeat(5000),
    ];
    for (const nextToken of tampered) {
      const response = await api.get({ userId: 'alice', query: { limit: '2', nextToken } });
      expect({ nextToken, status: response.statusCode, body: response.json }).toEqual({
        nextToken,
        status: 400,
        body: { message: 'nextToken is invalid' },
      });
    }
  });

  test("another user's token → 400, even for support staff reading that user", async () => {
    const bobsToken = ((await api.get({ userId: 'bob', query: { limit: '2' } })).json as Page).nextToken!;
    const asAlice = await api.get({ userId: 'alice', query: { limit: '2', nextToken: bobsToken } });
    expect(asAlice.statusCode).toBe(400);
    expect(asAlice.json).toEqual({ message: 'nextToken is invalid' });
    const staffOnAlice = await api.get({
      userId: 'alice',
      claims: accessTokenClaims('staff', 'user-limits/read-any'),
      query: { nextToken: bobsToken },
    });
    expect(staffOnAlice.statusCode).toBe(400);
  });

  test("a token signed with another key (another deployment's) → 400", async () => {
    const foreign = createNextTokenCodec(Buffer.alloc(32, 1)).issue('alice', 'LIMIT#limit-002');
    const response = await api.get({ userId: 'alice', query: { nextToken: foreign } });
    expect(response.statusCode).toBe(400);
    const ours = createNextTokenCodec(TEST_TOKEN_KEY).issue('alice', 'LIMIT#limit-002');
    const accepted = (await api.get({ userId: 'alice', query: { nextToken: ours, limit: '100' } })).json as Page;
    expect(accepted.userLimits.map((limit) => limit.userLimitId)).toEqual(alice.slice(3).map((limit) => limit.userLimitId));
  });

  test('support staff page through a user with tokens issued to them for that user', async () => {
    const claims = accessTokenClaims('staff', 'user-limits/read-any');
    const first = (await api.get({ userId: 'bob', claims, query: { limit: '3' } })).json as Page;
    const second = (await api.get({ userId: 'bob', claims, query: { limit: '3', nextToken: first.nextToken! } })).json as Page;
    expect([...first.userLimits, ...second.userLimits]).toEqual(bob);
  });
});
