import { LimitMap } from '../../store/limit-map';
import {
  type BatchChanges,
  type FailedWrite,
  type LimitKey,
  type StoredLimit,
  type WorkingSet,
  type WorkingSetRequest,
} from '../../store/user-limit-store';

/**
 * A batch's view of the store while its records are applied in memory: the
 * loaded working set plus every change made so far. Remembers, for each
 * changed item, the first record that changed it, so that a write that fails
 * to commit maps back to the earliest record whose effect is not durable.
 */
export class BatchState {
  readonly #watermarks = new Map<string, number>();
  readonly #limits = new LimitMap<StoredLimit>();
  /** What was asked of the store already, found or not: nothing is read twice in a batch. */
  readonly #loadedUsers = new Set<string>();
  readonly #loadedLimits = new LimitMap<true>();
  readonly #changedLimits = new LimitMap<number>();
  readonly #raisedWatermarks = new Map<string, number>();
  /** Progress-gap WARN lines written for this batch (the batch's metrics count them). */
  progressGaps = 0;

  /** The watermarks and limits of `keys` that are not loaded yet (each once); empty when all are. */
  unloaded(keys: Iterable<LimitKey>): WorkingSetRequest {
    const userIds = new Set<string>();
    const limitKeys = new LimitMap<LimitKey>();
    for (const key of keys) {
      if (!this.#loadedUsers.has(key.userId)) userIds.add(key.userId);
      if (!this.#loadedLimits.has(key)) limitKeys.set(key, key);
    }
    return { userIds: [...userIds], limitKeys: [...limitKeys.values()] };
  }

  /** Adds what the store answered for `request` (absent items stay absent, and are not asked again). */
  absorb(request: WorkingSetRequest, workingSet: WorkingSet): void {
    for (const userId of request.userIds) {
      this.#loadedUsers.add(userId);
      const watermark = workingSet.watermarks.get(userId);
      if (watermark !== undefined) this.#watermarks.set(userId, watermark);
    }
    for (const key of request.limitKeys) {
      this.#loadedLimits.set(key, true);
      const stored = workingSet.limits.get(key);
      if (stored !== undefined) this.#limits.set(key, stored);
    }
  }

  watermark(userId: string): number | undefined {
    return this.#watermarks.get(userId);
  }

  limit(key: LimitKey): StoredLimit | undefined {
    return this.#limits.get(key);
  }

  /** The record at `recordIndex` moved its user's watermark to `sequenceNumber` (never down). */
  raiseWatermark(userId: string, sequenceNumber: number, recordIndex: number): void {
    const current = this.#watermarks.get(userId);
    if (current !== undefined && current >= sequenceNumber) return;
    this.#watermarks.set(userId, sequenceNumber);
    if (!this.#raisedWatermarks.has(userId)) this.#raisedWatermarks.set(userId, recordIndex);
  }

  /** The record at `recordIndex` gave the limit at `key` a new state. */
  putLimit(key: LimitKey, stored: StoredLimit, recordIndex: number): void {
    this.#limits.set(key, stored);
    if (!this.#changedLimits.has(key)) this.#changedLimits.set(key, recordIndex);
  }

  /** One write per changed item, holding its final state. */
  changes(): BatchChanges {
    const limits = [...this.#changedLimits.entries()].map(([key]) => this.#limits.get(key)!);
    const watermarks = new Map([...this.#raisedWatermarks.keys()].map((userId) => [userId, this.#watermarks.get(userId)!]));
    return { limits, watermarks };
  }

  /** The earliest record whose effect is in one of the failed writes; undefined when none is. */
  firstRecordIn(failed: readonly FailedWrite[]): number | undefined {
    let first: number | undefined;
    for (const write of failed) {
      const index = write.item === 'limit' ? this.#changedLimits.get(write.key) : this.#raisedWatermarks.get(write.userId);
      if (index !== undefined && (first === undefined || index < first)) first = index;
    }
    return first;
  }

  /** The earliest record that changed anything: where durability is unknown when a commit throws. */
  firstChangingRecord(): number | undefined {
    let first: number | undefined;
    for (const index of [...this.#changedLimits.values(), ...this.#raisedWatermarks.values()]) {
      if (first === undefined || index < first) first = index;
    }
    return first;
  }
}
