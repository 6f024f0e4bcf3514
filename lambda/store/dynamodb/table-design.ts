import type { UserLimit } from '../../domain/user-limit';
import type { LimitKey } from '../user-limit-store';

/*
 * One table for every user's limits and watermark (README, "Table design").
 *
 *   userId (partition key, S) | sk (sort key, S)     | attributes
 *   --------------------------+----------------------+------------------------------------------
 *   <aggregateId>             | "LIMIT#" + limitId   | the UserLimit fields, lastSequenceNumber
 *   <aggregateId>             | "WATERMARK"          | sequenceNumber
 *
 * The store's key is (userId, userLimitId) (DOMAIN.md rule 6). The sort key
 * carries a prefix because any non-empty string is a valid userLimitId: with
 * the bare id as sort key, no value would be free for the watermark item.
 * With it, `GET /user-limits/{userId}` is one Query on the partition with
 * `begins_with(sk, "LIMIT#")`, in userLimitId order, never seeing the watermark.
 */

/**
 * The environment variable that tells both functions the table's name: the
 * stack sets it (infra/user-limits-table.ts), the processor (set → DynamoDB
 * store) and the read API read it. One constant so the three cannot drift.
 */
export const TABLE_NAME_ENV = 'USER_LIMITS_TABLE';

export const PARTITION_KEY = 'userId';
export const SORT_KEY = 'sk';
export const LIMIT_SORT_KEY_PREFIX = 'LIMIT#';
export const WATERMARK_SORT_KEY = 'WATERMARK';

/** DynamoDB's hard limits (bytes, UTF-8): partition key 2,048, sort key 1,024, item 400 KB. */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;
export const MAX_ITEM_BYTES = 400 * 1024;

/** The primary key of a limit's item. */
export const limitItemKey = (key: LimitKey): Record<string, string> => ({
  [PARTITION_KEY]: key.userId,
  [SORT_KEY]: LIMIT_SORT_KEY_PREFIX + key.userLimitId,
});

/** The primary key of a user's watermark item. */
export const watermarkItemKey = (userId: string): Record<string, string> => ({
  [PARTITION_KEY]: userId,
  [SORT_KEY]: WATERMARK_SORT_KEY,
});

/** Attribute holding the sequence number of the last event applied to a limit item. */
export const LAST_SEQUENCE_NUMBER = 'lastSequenceNumber';
/** Attribute holding a watermark item's sequence number. */
export const WATERMARK_SEQUENCE_NUMBER = 'sequenceNumber';

/** The UserLimit fields an item holds, in the order the read API returns them. */
export const USER_LIMIT_FIELDS = [
  'userLimitId',
  'userId',
  'brandId',
  'type',
  'period',
  'value',
  'progress',
  'status',
  'currencyCode',
  'activeFrom',
  'activeUntil',
  'nextResetTime',
  'previousLimitValue',
  'createdAt',
] as const satisfies ReadonlyArray<keyof UserLimit>;

/** A limit item as the DocumentClient reads and writes it (amounts stay strings, times numbers). */
export type LimitItem = Record<string, unknown>;

/** The item for a limit: its key, its fields (absent optional fields are absent), and its sequence number. */
export const toLimitItem = (limit: UserLimit, lastSequenceNumber: number): LimitItem => {
  const item: LimitItem = { ...limitItemKey(limit) };
  for (const field of USER_LIMIT_FIELDS) {
    const value = limit[field];
    if (value !== undefined) item[field] = value;
  }
  item[LAST_SEQUENCE_NUMBER] = lastSequenceNumber;
  return item;
};

/**
 * The UserLimit an item holds: only the entity's fields, built field by
 * field (nothing from the item is merged into an object).
 */
export const fromLimitItem = (item: LimitItem): UserLimit => {
  const limit: Record<string, unknown> = {};
  for (const field of USER_LIMIT_FIELDS) {
    const value = item[field];
    if (value !== undefined) limit[field] = value;
  }
  return limit as unknown as UserLimit;
};
