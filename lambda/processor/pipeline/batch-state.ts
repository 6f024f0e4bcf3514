import type { BatchChanges, FailedWrite, LimitKey, StoredLimit, WorkingSet, WorkingSetRequest } from '../../store/user-limit-store';
import { WorkingSetMismatchError } from './errors';

/** No record changed the item (record indexes are never negative). */
const UNCHANGED = -1;

/** One user's part of the batch: the watermark, and the record that first raised it. */
export interface UserSlot {
  readonly userId: string;
  /** The highest sequenceNumber applied or orphaned: the store's, then the batch's. */
  watermark: number | undefined;
  /** Index of the first record that raised the watermark; {@link UNCHANGED} when none did. */
  firstRaise: number;
  readonly limits: Map<string, LimitSlot>;
  /** This user's changed limits, in the order of their first change. */
  readonly changedLimits: LimitSlot[];
}

/** One limit's part of the batch: its state (the store's, then the batch's) and the record that first changed it. */
export interface LimitSlot {
  readonly key: LimitKey;
  readonly user: UserSlot;
  stored: StoredLimit | undefined;
  /** Index of the first record that changed the limit; {@link UNCHANGED} when none did. */
  firstChange: number;
}

/**
 * A batch's view of the store while its records are applied in memory: the
 * loaded working set plus every change made so far. Remembers, for each
 * changed item, the first record that changed it, so that a write that fails
 * to commit maps back to the earliest record whose effect is not durable.
 *
 * Each item is a slot, found once per record when the record is read
 * ({@link BatchState.slotFor}); applying the record then reads and writes the
 * slot directly. Per record that is two map lookups instead of the fifteen or
 * so that keyed maps of watermarks, limits and changes took (a sixth of the
 * handler's time, by the profile).
 */
export class BatchState {
  readonly #users = new Map<string, UserSlot>();
  /**
   * Limit slots by userLimitId alone, the first slot made for each id. Limit
   * ids are unique in practice, so a record's slot is one lookup here instead
   * of two (the user's, then the limit's); the same id under another user is
   * another limit (DOMAIN.md rule 6), found through its user as before.
   */
  readonly #limitsById = new Map<string, LimitSlot>();
  /** Slots created since the last {@link BatchState.takeRequest}: not asked of the store yet. */
  #pendingUsers: UserSlot[] = [];
  #pendingLimits: LimitSlot[] = [];
  /** The slots of the last request, for {@link BatchState.absorb}. */
  #requestedUsers: UserSlot[] = [];
  #requestedLimits: LimitSlot[] = [];
  /** Users with a changed limit, in the order of their first change. */
  readonly #usersWithChanges: UserSlot[] = [];
  /** Users whose watermark the batch raised, in the order of the first raise. */
  readonly #raisedUsers: UserSlot[] = [];
  /** Progress-gap WARN lines written for this batch (the batch's metrics count them). */
  progressGaps = 0;

  /** The slot of the limit at (userId, userLimitId); a new one (to be loaded) the first time it is asked for. */
  slotFor(userId: string, userLimitId: string): LimitSlot {
    const known = this.#limitsById.get(userLimitId);
    if (known !== undefined && known.key.userId === userId) return known;
    const slot = this.#slotThroughUser(userId, userLimitId);
    if (known === undefined) this.#limitsById.set(userLimitId, slot);
    return slot;
  }

  #slotThroughUser(userId: string, userLimitId: string): LimitSlot {
    let user = this.#users.get(userId);
    if (user === undefined) {
      user = { userId, watermark: undefined, firstRaise: UNCHANGED, limits: new Map(), changedLimits: [] };
      this.#users.set(userId, user);
      this.#pendingUsers.push(user);
    }
    let limit = user.limits.get(userLimitId);
    if (limit === undefined) {
      limit = { key: { userId, userLimitId }, user, stored: undefined, firstChange: UNCHANGED };
      user.limits.set(userLimitId, limit);
      this.#pendingLimits.push(limit);
    }
    return limit;
  }

  /**
   * What the store must be asked for the slots created since the last call
   * (each item once per batch, in the order first needed); undefined when
   * there is nothing to ask. {@link BatchState.absorb} fills those slots.
   */
  takeRequest(): WorkingSetRequest | undefined {
    if (this.#pendingUsers.length === 0 && this.#pendingLimits.length === 0) return undefined;
    this.#requestedUsers = this.#pendingUsers;
    this.#requestedLimits = this.#pendingLimits;
    this.#pendingUsers = [];
    this.#pendingLimits = [];
    return { userIds: this.#requestedUsers.map((user) => user.userId), limitKeys: this.#requestedLimits.map((limit) => limit.key) };
  }

  /**
   * Fills the last request's slots with what the store answered, position by
   * position (absent items stay absent, and are not asked again). Throws when
   * the answer does not match the request's length: a store that answered
   * another question must not be trusted with this batch.
   */
  absorb(workingSet: WorkingSet): void {
    const users = this.#requestedUsers;
    const limits = this.#requestedLimits;
    if (workingSet.watermarks.length !== users.length || workingSet.limits.length !== limits.length) {
      throw new WorkingSetMismatchError(users.length, limits.length, workingSet);
    }
    // Index loops here and in changes(): once per batch, often unoptimized, where for…of makes an iterator result per element.
    for (let index = 0; index < users.length; index += 1) users[index]!.watermark = workingSet.watermarks[index];
    for (let index = 0; index < limits.length; index += 1) limits[index]!.stored = workingSet.limits[index];
  }

  /** The record at `recordIndex` moved its user's watermark to `sequenceNumber` (never down). */
  raiseWatermark(user: UserSlot, sequenceNumber: number, recordIndex: number): void {
    if (user.watermark !== undefined && user.watermark >= sequenceNumber) return;
    user.watermark = sequenceNumber;
    if (user.firstRaise === UNCHANGED) {
      user.firstRaise = recordIndex;
      this.#raisedUsers.push(user);
    }
  }

  /** The record at `recordIndex` gave the limit a new state. */
  putLimit(limit: LimitSlot, stored: StoredLimit, recordIndex: number): void {
    limit.stored = stored;
    if (limit.firstChange !== UNCHANGED) return;
    limit.firstChange = recordIndex;
    if (limit.user.changedLimits.length === 0) this.#usersWithChanges.push(limit.user);
    limit.user.changedLimits.push(limit);
  }

  /** One write per changed item, holding its final state (limits grouped by user). */
  changes(): BatchChanges {
    const limits: StoredLimit[] = [];
    for (let userIndex = 0; userIndex < this.#usersWithChanges.length; userIndex += 1) {
      const changed = this.#usersWithChanges[userIndex]!.changedLimits;
      for (let index = 0; index < changed.length; index += 1) limits.push(changed[index]!.stored!);
    }
    const watermarks = new Map<string, number>();
    for (let index = 0; index < this.#raisedUsers.length; index += 1) {
      const user = this.#raisedUsers[index]!;
      watermarks.set(user.userId, user.watermark!);
    }
    return { limits, watermarks };
  }

  /** The earliest record whose effect is in one of the failed writes; undefined when none is. */
  firstRecordIn(failed: readonly FailedWrite[]): number | undefined {
    let first: number | undefined;
    for (const write of failed) {
      const user = this.#users.get(write.item === 'limit' ? write.key.userId : write.userId);
      const index = write.item === 'limit' ? user?.limits.get(write.key.userLimitId)?.firstChange : user?.firstRaise;
      if (index !== undefined && index !== UNCHANGED && (first === undefined || index < first)) first = index;
    }
    return first;
  }

  /** The earliest record that changed anything: where durability is unknown when a commit throws. */
  firstChangingRecord(): number | undefined {
    let first: number | undefined;
    const consider = (index: number) => {
      if (first === undefined || index < first) first = index;
    };
    for (const user of this.#usersWithChanges) for (const limit of user.changedLimits) consider(limit.firstChange);
    for (const user of this.#raisedUsers) consider(user.firstRaise);
    return first;
  }
}
