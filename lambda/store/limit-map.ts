import type { LimitKey } from './user-limit-store';

/**
 * A map keyed by {@link LimitKey}: a map of users, each a map of limit ids.
 * Nested rather than keyed by a joined string, so a lookup hashes the ids it
 * is given instead of building (and collecting) one more string per record.
 */
export class LimitMap<V> {
  readonly #byUser = new Map<string, Map<string, V>>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: LimitKey): V | undefined {
    return this.#byUser.get(key.userId)?.get(key.userLimitId);
  }

  has(key: LimitKey): boolean {
    return this.#byUser.get(key.userId)?.has(key.userLimitId) ?? false;
  }

  set(key: LimitKey, value: V): this {
    const limits = this.#limitsOf(key.userId);
    const before = limits.size;
    limits.set(key.userLimitId, value);
    this.#size += limits.size - before; // counts a new key without a lookup of its own
    return this;
  }

  /**
   * Sets `value` at (userId, userLimitId) unless `keeps(current, value)` says
   * the value there stays: a conditional set with one lookup of the user
   * (a get then a set took two) and no key object.
   */
  setUnless(userId: string, userLimitId: string, value: V, keeps: (current: V, value: V) => boolean): void {
    const limits = this.#limitsOf(userId);
    const current = limits.get(userLimitId);
    if (current === undefined) this.#size += 1;
    else if (keeps(current, value)) return;
    limits.set(userLimitId, value);
  }

  /** The user's map of limits, made empty the first time. */
  #limitsOf(userId: string): Map<string, V> {
    let limits = this.#byUser.get(userId);
    if (limits === undefined) {
      limits = new Map();
      this.#byUser.set(userId, limits);
    }
    return limits;
  }

  /** Every entry as [key, value], users in insertion order, each user's limits in insertion order. */
  *entries(): IterableIterator<[LimitKey, V]> {
    for (const [userId, limits] of this.#byUser) {
      for (const [userLimitId, value] of limits) yield [{ userId, userLimitId }, value];
    }
  }

  *values(): IterableIterator<V> {
    for (const limits of this.#byUser.values()) yield* limits.values();
  }
}
