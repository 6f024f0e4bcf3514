import type { StorageCandidate } from '../user-limit-store';
import { LIMIT_SORT_KEY_PREFIX, MAX_ITEM_BYTES, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, toLimitItem } from './table-design';

/** DynamoDB numbers: 0, or a magnitude from 1e-130 up to (not including) 1e126. */
const MIN_MAGNITUDE = 1e-130;
const MAX_MAGNITUDE = 1e126;
/** Upper bound of a number attribute's stored size (DynamoDB: up to 38 digits ≈ 21 bytes). */
const NUMBER_BYTES = 21;

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** An item's size as DynamoDB counts it: attribute names plus values (strings in UTF-8, numbers ≤ 21 bytes). */
export const itemSizeBytes = (item: Record<string, unknown>): number => {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += utf8Bytes(name) + (typeof value === 'string' ? utf8Bytes(value) : NUMBER_BYTES);
  }
  return size;
};

const numberOutOfRange = (value: number): boolean => value !== 0 && (Math.abs(value) < MIN_MAGNITUDE || Math.abs(value) >= MAX_MAGNITUDE);

/**
 * Why DynamoDB would refuse the item for good (DOMAIN.md rule 9): a key over
 * its byte limits, a number outside its range, an item over 400 KB. Checked
 * before sending, because DynamoDB's ValidationException would otherwise fail
 * the batch on every retry and hold the shard.
 */
export const dynamoDbUnstorableReason = ({ key, stored }: StorageCandidate): string | undefined => {
  const userIdBytes = utf8Bytes(key.userId);
  if (userIdBytes > MAX_PARTITION_KEY_BYTES) {
    return `aggregateId: ${userIdBytes} bytes, over DynamoDB's partition key limit of ${MAX_PARTITION_KEY_BYTES} bytes`;
  }
  const sortKeyBytes = utf8Bytes(LIMIT_SORT_KEY_PREFIX) + utf8Bytes(key.userLimitId);
  if (sortKeyBytes > MAX_SORT_KEY_BYTES) {
    const allowed = MAX_SORT_KEY_BYTES - utf8Bytes(LIMIT_SORT_KEY_PREFIX);
    return `payload.userLimitId: ${sortKeyBytes - utf8Bytes(LIMIT_SORT_KEY_PREFIX)} bytes, over the ${allowed} bytes DynamoDB's sort key leaves for it`;
  }
  if (stored === undefined) return undefined;
  const item = toLimitItem(stored.limit, stored.lastSequenceNumber);
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'number' && numberOutOfRange(value)) {
      return `${name}: ${value} is outside DynamoDB's number range (0 or 1e-130 ≤ |n| < 1e126)`;
    }
  }
  const size = itemSizeBytes(item);
  return size > MAX_ITEM_BYTES ? `limit item: ${size} bytes, over DynamoDB's item limit of ${MAX_ITEM_BYTES} bytes` : undefined;
};
