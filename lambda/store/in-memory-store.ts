import type { UserLimit } from '../domain/user-limit';
import type { UserLimitStore } from './user-limit-store';

/**
 * {@link UserLimitStore} in process memory. Copies on the way in and out so
 * that callers can never mutate stored state by accident.
 */
export class InMemoryUserLimitStore implements UserLimitStore {
  readonly #limits = new Map<string, UserLimit>();
  readonly #limitIdsByUser = new Map<string, Set<string>>();
  readonly #watermarks = new Map<string, number>();

  async get(userLimitId: string): Promise<UserLimit | undefined> {
    const limit = this.#limits.get(userLimitId);
    return limit === undefined ? undefined : { ...limit };
  }

  async put(limit: UserLimit): Promise<void> {
    const previous = this.#limits.get(limit.userLimitId);
    if (previous !== undefined && previous.userId !== limit.userId) {
      this.#limitIdsByUser.get(previous.userId)?.delete(limit.userLimitId);
    }
    this.#limits.set(limit.userLimitId, { ...limit });
    let ids = this.#limitIdsByUser.get(limit.userId);
    if (ids === undefined) {
      ids = new Set();
      this.#limitIdsByUser.set(limit.userId, ids);
    }
    ids.add(limit.userLimitId);
  }

  async listByUser(userId: string): Promise<UserLimit[]> {
    const ids = this.#limitIdsByUser.get(userId) ?? new Set<string>();
    return [...ids].map((id) => ({ ...this.#limits.get(id)! }));
  }

  async getWatermark(aggregateId: string): Promise<number | undefined> {
    return this.#watermarks.get(aggregateId);
  }

  async setWatermark(aggregateId: string, sequenceNumber: number): Promise<void> {
    this.#watermarks.set(aggregateId, sequenceNumber);
  }

  /** Every stored limit; for local tools and tests, not part of the store interface. */
  snapshot(): UserLimit[] {
    return [...this.#limits.values()].map((limit) => ({ ...limit }));
  }
}
