import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type BatchChanges,
  type CommitResult,
  type FailedWrite,
  keyOf,
  type StorageCandidate,
  type StoredLimit,
  type UserLimitStore,
  type WorkingSet,
  type WorkingSetRequest,
} from '../user-limit-store';
import { LimitMap } from '../limit-map';
import { batchGetAll } from './batch-get';
import { mapBounded } from './bounded-parallel';
import { dynamoDbUnstorableReason } from './item-limits';
import {
  LAST_SEQUENCE_NUMBER,
  LIMIT_SORT_KEY_PREFIX,
  limitItemKey,
  SORT_KEY,
  toLimitItem,
  WATERMARK_SEQUENCE_NUMBER,
  WATERMARK_SORT_KEY,
  watermarkItemKey,
  fromLimitItem,
  PARTITION_KEY,
} from './table-design';

/** How the adapter reaches its table. */
export interface DynamoDbStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Requests in flight at once, reads and writes alike. Default 32. */
  concurrency?: number;
}

/** Written only if the item is new or older than the write: a stale or late write never replaces a newer state. */
const NEWER_THAN_STORED = 'attribute_not_exists(#sk) OR #seq < :seq';

/**
 * {@link UserLimitStore} on one DynamoDB table (see `table-design.ts`),
 * exactly-once in effect without transactions (DOMAIN.md rules 8–9):
 *
 * - `load`: BatchGetItem, strongly consistent, ≤ 100 keys a request.
 * - `commit`: one conditional PutItem per changed limit, then one per raised
 *   watermark (only for users whose limit writes all succeeded). Each write
 *   is conditional on sequence numbers; a failed condition means a newer
 *   state is already durable, so it counts as done.
 *
 * IAM: `dynamodb:BatchGetItem` and `dynamodb:PutItem` on the table; nothing else.
 */
export class DynamoDbUserLimitStore implements UserLimitStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #concurrency: number;

  constructor(options: DynamoDbStoreOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#concurrency = options.concurrency ?? 32;
  }

  async load(request: WorkingSetRequest): Promise<WorkingSet> {
    const limitKeys = new LimitMap<Record<string, string>>();
    for (const key of request.limitKeys) limitKeys.set(key, limitItemKey(key));
    const keys = [...new Set(request.userIds)].map(watermarkItemKey).concat([...limitKeys.values()]);
    const items = await batchGetAll(this.#client, this.#tableName, keys, this.#concurrency);
    // BatchGetItem answers in no particular order: keyed first, then read back in the request's order.
    const watermarks = new Map<string, number>();
    const limits = new LimitMap<StoredLimit>();
    for (const item of items) {
      const userId = item[PARTITION_KEY] as string;
      const sortKey = item[SORT_KEY] as string;
      if (sortKey === WATERMARK_SORT_KEY) {
        watermarks.set(userId, item[WATERMARK_SEQUENCE_NUMBER] as number);
      } else {
        const key = { userId, userLimitId: sortKey.slice(LIMIT_SORT_KEY_PREFIX.length) };
        limits.set(key, { limit: fromLimitItem(item), lastSequenceNumber: item[LAST_SEQUENCE_NUMBER] as number });
      }
    }
    return {
      watermarks: request.userIds.map((userId) => watermarks.get(userId)),
      limits: request.limitKeys.map((key) => limits.get(key)),
    };
  }

  async commit(changes: BatchChanges): Promise<CommitResult> {
    const failed: FailedWrite[] = [];
    const limitErrors = await mapBounded(changes.limits, this.#concurrency, (stored) =>
      this.#putIfNewer(toLimitItem(stored.limit, stored.lastSequenceNumber), LAST_SEQUENCE_NUMBER, stored.lastSequenceNumber),
    );
    const usersWithFailedWrites = new Set<string>();
    changes.limits.forEach((stored, index) => {
      const error = limitErrors[index];
      if (error === undefined) return;
      failed.push({ item: 'limit', key: keyOf(stored.limit), error });
      usersWithFailedWrites.add(stored.limit.userId);
    });

    const watermarks = [...changes.watermarks].filter(([userId]) => !usersWithFailedWrites.has(userId));
    for (const userId of usersWithFailedWrites) {
      if (changes.watermarks.has(userId))
        failed.push({ item: 'watermark', userId, error: new Error('not written: a limit write of this user failed') });
    }
    const watermarkErrors = await mapBounded(watermarks, this.#concurrency, ([userId, sequenceNumber]) =>
      this.#putIfNewer(
        { ...watermarkItemKey(userId), [WATERMARK_SEQUENCE_NUMBER]: sequenceNumber },
        WATERMARK_SEQUENCE_NUMBER,
        sequenceNumber,
      ),
    );
    watermarks.forEach(([userId], index) => {
      const error = watermarkErrors[index];
      if (error !== undefined) failed.push({ item: 'watermark', userId, error });
    });
    return { failed };
  }

  unstorableReason(candidate: StorageCandidate): string | undefined {
    return dynamoDbUnstorableReason(candidate);
  }

  /** Undefined when the item is durable at this sequence number or newer; the error otherwise. */
  async #putIfNewer(item: Record<string, unknown>, sequenceAttribute: string, sequenceNumber: number): Promise<unknown> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: item,
          ConditionExpression: NEWER_THAN_STORED,
          ExpressionAttributeNames: { '#sk': SORT_KEY, '#seq': sequenceAttribute },
          ExpressionAttributeValues: { ':seq': sequenceNumber },
        }),
      );
      return undefined;
    } catch (error) {
      return error instanceof ConditionalCheckFailedException || (error as { name?: unknown })?.name === 'ConditionalCheckFailedException'
        ? undefined
        : (error ?? new Error('DynamoDB write failed without an error'));
    }
  }
}
