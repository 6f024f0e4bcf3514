import {
  type BatchChanges,
  type CommitResult,
  type FailedWrite,
  keyOf,
  type UserLimitStore,
  type WorkingSet,
  type WorkingSetRequest,
} from '../../lambda/store/user-limit-store';

/** The store requests a {@link FaultyStore} makes: one load per batch, one request per written item. */
export type StoreRequest = 'load' | 'writeLimit' | 'writeWatermark';

/** One request the wrapped store is about to make: its 0-based index over all requests, kind and key (user id, limit id). */
export interface StoreCall {
  index: number;
  request: StoreRequest;
  userId: string;
  userLimitId?: string;
}

/**
 * What happens to a request: it goes through (`false`), fails before reaching
 * the store (`true`), or — for writes — reaches the store but its answer is
 * lost (`'lost'`: applied, yet reported failed).
 */
export type Fault = boolean | 'lost';

/** Thrown by {@link FaultyStore} in place of the real answer. */
export class InjectedStoreFault extends Error {
  override name = 'InjectedStoreFault';
}

/**
 * Wraps a store, splitting each commit into one request per item (as a
 * database adapter sends them) and injecting the faults `decide` picks. Keeps
 * the store contract: a user's watermark is written only after all of that
 * user's limit writes succeeded.
 */
export class FaultyStore implements UserLimitStore {
  requests = 0;
  faults = 0;

  constructor(
    private readonly inner: UserLimitStore,
    private readonly decide: (call: StoreCall) => Fault,
  ) {}

  async load(request: WorkingSetRequest): Promise<WorkingSet> {
    const fault = this.#next({ request: 'load', userId: request.userIds[0] ?? '' });
    if (fault) throw new InjectedStoreFault(`injected fault at request ${this.requests - 1} (load)`);
    return this.inner.load(request);
  }

  async commit(changes: BatchChanges): Promise<CommitResult> {
    const failed: FailedWrite[] = [];
    const usersWithFailedWrites = new Set<string>();
    for (const stored of changes.limits) {
      const key = keyOf(stored.limit);
      const fault = this.#next({ request: 'writeLimit', ...key });
      if (fault !== true) await this.inner.commit({ limits: [stored], watermarks: new Map() });
      if (fault) {
        failed.push({
          item: 'limit',
          key,
          error: new InjectedStoreFault(`injected ${fault === 'lost' ? 'lost response' : 'fault'} (writeLimit)`),
        });
        usersWithFailedWrites.add(key.userId);
      }
    }
    for (const [userId, sequenceNumber] of changes.watermarks) {
      if (usersWithFailedWrites.has(userId)) {
        failed.push({ item: 'watermark', userId, error: new InjectedStoreFault('not written: a limit write of this user failed') });
        continue;
      }
      const fault = this.#next({ request: 'writeWatermark', userId });
      if (fault !== true) await this.inner.commit({ limits: [], watermarks: new Map([[userId, sequenceNumber]]) });
      if (fault) failed.push({ item: 'watermark', userId, error: new InjectedStoreFault('injected fault (writeWatermark)') });
    }
    return { failed };
  }

  unstorableReason(limit: Parameters<UserLimitStore['unstorableReason']>[0]): string | undefined {
    return this.inner.unstorableReason(limit);
  }

  #next(call: Omit<StoreCall, 'index'>): Fault {
    const fault = this.decide({ index: this.requests, ...call });
    this.requests += 1;
    if (fault) this.faults += 1;
    return fault;
  }
}

/** Fails exactly the requests whose indexes are listed. */
export const failAtRequests = (indexes: Iterable<number>, fault: Fault = true): ((call: StoreCall) => Fault) => {
  const chosen = new Set(indexes);
  return (call) => (chosen.has(call.index) ? fault : false);
};

/** A store whose `load` or `commit` never answers (a hung connection); everything else goes to `inner`. */
export const hangingStore = (inner: UserLimitStore, method: 'load' | 'commit'): UserLimitStore => ({
  load: (request) => (method === 'load' ? new Promise(() => undefined) : inner.load(request)),
  commit: (changes) => (method === 'commit' ? new Promise(() => undefined) : inner.commit(changes)),
  unstorableReason: (limit) => inner.unstorableReason(limit),
});
