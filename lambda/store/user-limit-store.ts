import type { UserLimit } from '../domain/user-limit';

/**
 * A limit's key in every store: the user (the event's aggregateId) and the
 * limit's id (DOMAIN.md rule 6). The same userLimitId under another user is
 * another limit.
 */
export interface LimitKey {
  userId: string;
  userLimitId: string;
}

/**
 * A limit as stored, with the sequence number of the last event applied to it.
 * Every write is conditional on that number, so a stale or late write can
 * never replace a newer state (DOMAIN.md rule 8).
 */
export interface StoredLimit {
  limit: UserLimit;
  lastSequenceNumber: number;
}

/** What {@link UserLimitStore.unstorableReason} checks: a key, and the state to be written once known. */
export interface StorageCandidate {
  key: LimitKey;
  stored?: StoredLimit;
}

/** What a batch reads before it applies its records: every limit and watermark it touches. */
export interface WorkingSetRequest {
  /** Users (aggregate ids) whose watermark the batch needs. */
  userIds: readonly string[];
  /** Limits the batch's events refer to. */
  limitKeys: readonly LimitKey[];
}

/**
 * The stored state of a working set, in the request's order: `watermarks[i]`
 * is the watermark of `userIds[i]`, `limits[i]` the limit at `limitKeys[i]`;
 * undefined where the store has no such item. Positional rather than keyed:
 * the batch already holds a slot per requested item, so it reads the answer
 * back by index instead of hashing every key a second time (README, "The
 * store seam").
 */
export interface WorkingSet {
  /** The highest sequenceNumber applied or orphaned for each requested user. */
  watermarks: readonly (number | undefined)[];
  /** The stored state of each requested limit. */
  limits: readonly (StoredLimit | undefined)[];
}

/**
 * One batch's changes, coalesced: at most one write per touched item, each
 * holding the item's final state after the batch.
 */
export interface BatchChanges {
  limits: readonly StoredLimit[];
  /** userId → the batch's highest applied or orphaned sequenceNumber for that user. */
  watermarks: ReadonlyMap<string, number>;
}

/** A write of {@link BatchChanges} that did not become durable. */
export type FailedWrite = { item: 'limit'; key: LimitKey; error: unknown } | { item: 'watermark'; userId: string; error: unknown };

/** What a commit made durable: everything but `failed`. */
export interface CommitResult {
  failed: FailedWrite[];
}

/**
 * Where user limits and per-user watermarks live. Batch-shaped: a batch reads
 * its working set once ({@link UserLimitStore.load}), applies the rules in
 * memory, then commits every changed item once ({@link UserLimitStore.commit}).
 *
 * Contract of `commit`, which every adapter keeps (the shared store suite
 * checks it):
 * - a limit write takes effect only when the stored item is absent or its
 *   `lastSequenceNumber` is lower than the write's; a watermark write only when
 *   it raises the watermark. A write refused by that condition is not a
 *   failure: a newer state is already durable.
 * - a user's watermark is written only after all of that user's limit writes
 *   of the batch are durable, so a crash in between leaves the watermark
 *   behind, never ahead: the redelivered events are then recognized per limit
 *   by its `lastSequenceNumber`.
 * - writes that fail are returned in `failed`; `commit` throws only when it
 *   cannot say which writes failed (the caller then treats them all as failed).
 *
 * `load` may throw; the caller then fails the batch from its first record that
 * needs the store.
 *
 * Ownership: what `load` returns and what is passed to `commit` is never
 * mutated by anyone, only replaced by new objects (the rules are pure). So
 * an adapter may hand out its own stored objects from `load` and keep the
 * objects given to `commit` without copying them (the in-memory adapter
 * does); a caller that wants to change a limit builds a new one.
 */
export interface UserLimitStore {
  load(request: WorkingSetRequest): Promise<WorkingSet>;
  commit(changes: BatchChanges): Promise<CommitResult>;
  /**
   * Why this store can never hold the item: a key longer than the database's
   * key limit (asked with the key alone, before the batch loads), an item over
   * its size limit or a number outside its range (asked with the new state).
   * Undefined when it can. Such a record is rejected, not failed: retrying
   * cannot help (DOMAIN.md rule 9).
   */
  unstorableReason(candidate: StorageCandidate): string | undefined;
}

/** The key of a stored limit. */
export const keyOf = (limit: UserLimit): LimitKey => ({ userId: limit.userId, userLimitId: limit.userLimitId });
