import type { UserLimit } from '../domain/user-limit';
import { LimitMap } from './limit-map';
import {
  type BatchChanges,
  type CommitResult,
  type StoredLimit,
  type UserLimitStore,
  type WorkingSet,
  type WorkingSetRequest,
} from './user-limit-store';

/** The conditional write: a stored state stays unless the new one is newer. */
const isNotOlder = (current: StoredLimit, next: StoredLimit): boolean => current.lastSequenceNumber >= next.lastSequenceNumber;

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

  // Index loops and Map.forEach: these run once per batch, often before V8 optimizes them, and
  // unoptimized for…of makes an iterator result (and a [key, value] pair) per element.

  async load(request: WorkingSetRequest): Promise<WorkingSet> {
    const { userIds, limitKeys } = request;
    const watermarks = new Array<number | undefined>(userIds.length);
    for (let index = 0; index < userIds.length; index += 1) watermarks[index] = this.#watermarks.get(userIds[index]!);
    const limits = new Array<StoredLimit | undefined>(limitKeys.length);
    for (let index = 0; index < limitKeys.length; index += 1) limits[index] = this.#limits.get(limitKeys[index]!);
    return { watermarks, limits };
  }

  async commit(changes: BatchChanges): Promise<CommitResult> {
    for (let index = 0; index < changes.limits.length; index += 1) {
      const stored = changes.limits[index]!;
      this.#limits.setUnless(stored.limit.userId, stored.limit.userLimitId, stored, isNotOlder);
    }
    changes.watermarks.forEach((sequenceNumber, userId) => {
      const current = this.#watermarks.get(userId);
      if (current === undefined || current < sequenceNumber) this.#watermarks.set(userId, sequenceNumber);
    });
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
