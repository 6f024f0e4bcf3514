import type { UserLimit } from '../domain/user-limit';
import { LimitMap } from './limit-map';
import {
  type BatchChanges,
  type CommitResult,
  keyOf,
  type StoredLimit,
  type UserLimitStore,
  type WorkingSet,
  type WorkingSetRequest,
} from './user-limit-store';

const copy = (stored: StoredLimit): StoredLimit => ({ limit: { ...stored.limit }, lastSequenceNumber: stored.lastSequenceNumber });

/**
 * {@link UserLimitStore} in process memory: the embedded default. Keeps the
 * same conditional-write contract as a database adapter (a write never
 * replaces a newer state). Everything is lost with the process.
 *
 * No copies on the way in or out: `load` hands out the stored objects and
 * `commit` keeps the ones it is given, as the store interface's ownership
 * rule allows (stored state is never mutated, only replaced). Copying each
 * limit twice per batch was a quarter of the store's share of the handler.
 */
export class InMemoryUserLimitStore implements UserLimitStore {
  readonly #limits = new LimitMap<StoredLimit>();
  readonly #watermarks = new Map<string, number>();

  async load(request: WorkingSetRequest): Promise<WorkingSet> {
    const workingSet: WorkingSet = { watermarks: new Map(), limits: new LimitMap() };
    for (const userId of request.userIds) {
      const watermark = this.#watermarks.get(userId);
      if (watermark !== undefined) workingSet.watermarks.set(userId, watermark);
    }
    for (const key of request.limitKeys) {
      const stored = this.#limits.get(key);
      if (stored !== undefined) workingSet.limits.set(key, stored);
    }
    return workingSet;
  }

  async commit(changes: BatchChanges): Promise<CommitResult> {
    for (const stored of changes.limits) {
      // A key of one shape, not the limit itself: limits come in several shapes, and LimitMap's lookups are shared.
      const key = keyOf(stored.limit);
      const current = this.#limits.get(key);
      if (current === undefined || current.lastSequenceNumber < stored.lastSequenceNumber) this.#limits.set(key, stored);
    }
    for (const [userId, sequenceNumber] of changes.watermarks) {
      const current = this.#watermarks.get(userId);
      if (current === undefined || current < sequenceNumber) this.#watermarks.set(userId, sequenceNumber);
    }
    return { failed: [] };
  }

  /** Memory holds anything a record can carry. */
  unstorableReason(): undefined {
    return undefined;
  }

  /** Every stored limit; for local tools and tests, not part of the store interface. */
  snapshot(): UserLimit[] {
    return [...this.#limits.values()].map((stored) => ({ ...stored.limit }));
  }

  /** Every stored limit with its sequence number and every watermark; for tests comparing stores. */
  dump(): { limits: StoredLimit[]; watermarks: Map<string, number> } {
    return { limits: [...this.#limits.values()].map(copy), watermarks: new Map(this.#watermarks) };
  }
}
