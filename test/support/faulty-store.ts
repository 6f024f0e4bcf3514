import type { UserLimit } from '../../lambda/domain/user-limit';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';

export type StoreMethod = keyof UserLimitStore;

/** One call the wrapped store is about to make: its 0-based index over all calls, method and first argument. */
export interface StoreCall {
  index: number;
  method: StoreMethod;
  key: string;
}

/** Thrown by {@link FaultyStore} in place of the real call. */
export class InjectedStoreFault extends Error {
  override name = 'InjectedStoreFault';
}

/**
 * Wraps a store and throws {@link InjectedStoreFault} on the calls `shouldFail`
 * picks, before they reach the real store (a failed write writes nothing).
 */
export class FaultyStore implements UserLimitStore {
  calls = 0;
  faults = 0;

  constructor(
    private readonly inner: UserLimitStore,
    private readonly shouldFail: (call: StoreCall) => boolean,
  ) {}

  get(userLimitId: string): Promise<UserLimit | undefined> {
    return this.#call('get', userLimitId, () => this.inner.get(userLimitId));
  }

  put(limit: UserLimit): Promise<void> {
    return this.#call('put', limit.userLimitId, () => this.inner.put(limit));
  }

  listByUser(userId: string): Promise<UserLimit[]> {
    return this.#call('listByUser', userId, () => this.inner.listByUser(userId));
  }

  getWatermark(aggregateId: string): Promise<number | undefined> {
    return this.#call('getWatermark', aggregateId, () => this.inner.getWatermark(aggregateId));
  }

  setWatermark(aggregateId: string, sequenceNumber: number): Promise<void> {
    return this.#call('setWatermark', aggregateId, () => this.inner.setWatermark(aggregateId, sequenceNumber));
  }

  async #call<T>(method: StoreMethod, key: string, real: () => Promise<T>): Promise<T> {
    const index = this.calls;
    this.calls += 1;
    if (this.shouldFail({ index, method, key })) {
      this.faults += 1;
      throw new InjectedStoreFault(`injected fault at call ${index} (${method} ${key})`);
    }
    return real();
  }
}

/** Fails exactly the calls whose indexes are listed. */
export const failAtCalls = (indexes: Iterable<number>): ((call: StoreCall) => boolean) => {
  const chosen = new Set(indexes);
  return (call) => chosen.has(call.index);
};

/**
 * A store whose `method` never answers (a hung connection) for the keys
 * `hangsFor` picks; every other call goes to `inner`.
 */
export const hangingStore = (
  inner: UserLimitStore,
  method: StoreMethod,
  hangsFor: (key: string) => boolean = () => true,
): UserLimitStore => {
  const hang = <T>(key: string, call: () => Promise<T>): Promise<T> =>
    hangsFor(key) ? new Promise<T>(() => undefined) : call();
  return {
    get: (id) => (method === 'get' ? hang(id, () => inner.get(id)) : inner.get(id)),
    put: (limit) => (method === 'put' ? hang(limit.userLimitId, () => inner.put(limit)) : inner.put(limit)),
    listByUser: (userId) => (method === 'listByUser' ? hang(userId, () => inner.listByUser(userId)) : inner.listByUser(userId)),
    getWatermark: (aggregateId) =>
      method === 'getWatermark' ? hang(aggregateId, () => inner.getWatermark(aggregateId)) : inner.getWatermark(aggregateId),
    setWatermark: (aggregateId, sequenceNumber) =>
      method === 'setWatermark'
        ? hang(aggregateId, () => inner.setWatermark(aggregateId, sequenceNumber))
        : inner.setWatermark(aggregateId, sequenceNumber),
  };
};
