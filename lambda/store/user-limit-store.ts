import type { UserLimit } from '../domain/user-limit';

/**
 * Where user limits and per-aggregate watermarks live. Async so that a
 * database adapter can replace the in-memory one without touching the
 * handler or the rules. Any method may throw: the handler then reports the
 * record as failed and Lambda retries it.
 */
export interface UserLimitStore {
  get(userLimitId: string): Promise<UserLimit | undefined>;
  /** Inserts or replaces the limit with the same userLimitId. */
  put(limit: UserLimit): Promise<void>;
  /** Every limit of one user, in no particular order. */
  listByUser(userId: string): Promise<UserLimit[]>;
  /** Highest event sequenceNumber applied (or orphaned) for an aggregate. */
  getWatermark(aggregateId: string): Promise<number | undefined>;
  setWatermark(aggregateId: string, sequenceNumber: number): Promise<void>;
}

/**
 * A limit's key in every store: the user (the event's aggregateId) and the
 * limit's id (DOMAIN.md rule 6). The same userLimitId under another user is
 * another limit.
 */
export interface LimitKey {
  userId: string;
  userLimitId: string;
}
