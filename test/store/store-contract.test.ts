import type { UserLimit } from '../../lambda/domain/user-limit';
import { keyOf, type StoredLimit } from '../../lambda/store/user-limit-store';
import { newTestStore, stopSharedDynalite, type TestStore } from '../support/test-stores';

afterAll(stopSharedDynalite);

const limit = (userId: string, userLimitId: string, progress: string): UserLimit => ({
  userLimitId,
  userId,
  brandId: 'brand-1',
  type: 'DEPOSIT',
  period: 'DAY',
  status: 'ACTIVE',
  value: '100',
  progress,
  currencyCode: 'SEK',
  activeFrom: 1,
});
const stored = (userId: string, userLimitId: string, progress: string, lastSequenceNumber: number): StoredLimit => ({
  limit: limit(userId, userLimitId, progress),
  lastSequenceNumber,
});

const loadAll = (store: TestStore, users: string[], limits: StoredLimit[]) =>
  store.load({ userIds: users, limitKeys: limits.map((entry) => keyOf(entry.limit)) });

describe.each<TestStore['kind']>(['memory', 'dynamodb'])('the store contract (%s adapter)', (kind) => {
  it('loads nothing from an empty store, then exactly what was committed', async () => {
    const store = newTestStore(kind);
    const a = stored('user-a', 'l1', '5', 3);
    const empty = await loadAll(store, ['user-a'], [a]);
    expect(empty).toEqual({ watermarks: [undefined], limits: [undefined] });
    expect(await store.commit({ limits: [a], watermarks: new Map([['user-a', 3]]) })).toEqual({ failed: [] });
    const loaded = await loadAll(store, ['user-a', 'user-b'], [a, stored('user-b', 'l1', '0', 1)]);
    expect(loaded).toEqual({ watermarks: [3, undefined], limits: [a, undefined] });
  });

  it("answers in the request's order, whatever order the items were written in", async () => {
    const store = newTestStore(kind);
    const items = ['c', 'a', 'd', 'b'].map((user, index) => stored(`user-${user}`, `limit-${user}`, String(index), index + 1));
    await store.commit({ limits: items, watermarks: new Map(items.map((item) => [item.limit.userId, item.lastSequenceNumber])) });
    const asked = [items[3]!, stored('user-x', 'absent', '0', 1), items[1]!, items[0]!, items[2]!];
    const loaded = await loadAll(store, ['user-b', 'user-x', 'user-a', 'user-c', 'user-d'], asked);
    expect(loaded.watermarks).toEqual([4, undefined, 2, 1, 3]);
    expect(loaded.limits).toEqual([items[3], undefined, items[1], items[0], items[2]]);
  });

  it('a write never replaces a newer or equal state, and a watermark never goes down', async () => {
    const store = newTestStore(kind);
    await store.commit({ limits: [stored('u', 'l', '50', 10)], watermarks: new Map([['u', 10]]) });
    expect(await store.commit({ limits: [stored('u', 'l', '7', 9), stored('u', 'l', '8', 10)], watermarks: new Map([['u', 4]]) })).toEqual({
      failed: [],
    });
    const loaded = await loadAll(store, ['u'], [stored('u', 'l', '', 0)]);
    expect(loaded.limits[0]).toEqual(stored('u', 'l', '50', 10));
    expect(loaded.watermarks[0]).toBe(10);
    await store.commit({ limits: [stored('u', 'l', '60', 11)], watermarks: new Map([['u', 11]]) });
    expect((await loadAll(store, ['u'], [stored('u', 'l', '', 0)])).watermarks[0]).toBe(11);
  });

  it('keys limits by (user, userLimitId): the same id under two users is two limits', async () => {
    const store = newTestStore(kind);
    const a = stored('user-a', 'same', '1', 1);
    const b = stored('user-b', 'same', '2', 1);
    await store.commit({ limits: [a, b], watermarks: new Map() });
    const loaded = await loadAll(store, [], [a, b]);
    expect(loaded.limits).toEqual([a, b]);
    expect(await store.allLimits()).toEqual([a.limit, b.limit]);
  });

  it('loads a working set of 250 limits (several BatchGetItem pages) in one call', async () => {
    const store = newTestStore(kind);
    const many = Array.from({ length: 250 }, (_, index) => stored(`user-${index % 7}`, `limit-${index}`, String(index), index + 1));
    await store.commit({ limits: many, watermarks: new Map() });
    const loaded = await loadAll(store, [], many);
    expect(loaded.limits).toEqual(many);
    expect(loaded.limits[248]?.limit).toMatchObject({ userId: 'user-3', userLimitId: 'limit-248', progress: '248' });
  });
});

describe('what DynamoDB can never hold is refused before it is sent (DOMAIN.md rule 9)', () => {
  const store = newTestStore('dynamodb');
  it.each([
    [
      'a user id over 2,048 bytes',
      { key: { userId: 'é'.repeat(1025), userLimitId: 'l' } },
      /aggregateId: 2050 bytes, over DynamoDB's partition key limit of 2048 bytes/,
    ],
    [
      'a limit id over the sort key room',
      { key: { userId: 'u', userLimitId: 'x'.repeat(1019) } },
      /payload.userLimitId: 1019 bytes, over the 1018 bytes/,
    ],
    [
      'a number beyond 1e126',
      {
        key: { userId: 'u', userLimitId: 'l' },
        stored: { ...stored('u', 'l', '0', 1), limit: { ...limit('u', 'l', '0'), activeFrom: 1e300 } },
      },
      /activeFrom: 1e\+300 is outside DynamoDB's number range/,
    ],
    [
      'an item over 400 KB',
      {
        key: { userId: 'u', userLimitId: 'l' },
        stored: { ...stored('u', 'l', '0', 1), limit: { ...limit('u', 'l', '0'), brandId: 'b'.repeat(410_000) } },
      },
      /limit item: \d+ bytes, over DynamoDB's item limit of 409600 bytes/,
    ],
  ])('%s', (_kind, candidate, reason) => {
    expect(store.unstorableReason(candidate)).toMatch(reason);
  });

  it('the largest storable key and item pass', () => {
    const key = { userId: 'u'.repeat(2048), userLimitId: 'l'.repeat(1018) };
    expect(store.unstorableReason({ key })).toBeUndefined();
    expect(
      store.unstorableReason({
        key,
        stored: { limit: { ...limit(key.userId, key.userLimitId, '0'), brandId: 'b'.repeat(400_000) }, lastSequenceNumber: 1 },
      }),
    ).toBeUndefined();
  });
});
