import type { KinesisStreamRecord } from 'aws-lambda';
import { isAlreadySeen } from '../../lambda/domain/rules';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { readRecord } from '../../lambda/processor/pipeline/process-record';

/*
 * What the per-record store seam (before the batch-shaped one, commit
 * 9df9c60: lambda/store/user-limit-store.ts and pipeline/process-record.ts)
 * would send to a database for a batch: one request per store call, per
 * record getWatermark → get → put → setWatermark. The benchmark COUNTS it by
 * running that sequence against a counting map, so the comparison with the
 * DynamoDB store's requests is measured, not estimated.
 */

/** The per-record seam had no size checks; the benchmark's ids are short anyway. */
const ANY_KEY_STORABLE = { unstorableReason: () => undefined };

/** The old per-record store interface, one database request per call. */
interface PerRecordStore {
  get(userLimitId: string): Promise<UserLimit | undefined>;
  put(limit: UserLimit): Promise<void>;
  getWatermark(aggregateId: string): Promise<number | undefined>;
  setWatermark(aggregateId: string, sequenceNumber: number): Promise<void>;
}

/** A map-backed PerRecordStore that counts its calls, i.e. the requests a database adapter would send. */
class CountingPerRecordStore implements PerRecordStore {
  readonly limits = new Map<string, UserLimit>();
  readonly watermarks = new Map<string, number>();
  requests = 0;

  async get(userLimitId: string) {
    this.requests += 1;
    return this.limits.get(userLimitId);
  }
  async put(limit: UserLimit) {
    this.requests += 1;
    this.limits.set(limit.userLimitId, limit);
  }
  async getWatermark(aggregateId: string) {
    this.requests += 1;
    return this.watermarks.get(aggregateId);
  }
  async setWatermark(aggregateId: string, sequenceNumber: number) {
    this.requests += 1;
    this.watermarks.set(aggregateId, sequenceNumber);
  }
}

/** The old process-record's store calls for one record: after the same validation, the four calls. */
const processRecordPerCall = async (record: KinesisStreamRecord, store: PerRecordStore): Promise<void> => {
  const read = readRecord(record, ANY_KEY_STORABLE);
  if (read.kind !== 'event') return; // rejected or ignored: no store call
  const watermark = await store.getWatermark(read.userId);
  if (isAlreadySeen(watermark, read.sequenceNumber)) return;
  const result = read.apply(await store.get(read.userLimitId));
  if (result.outcome === 'applied') await store.put(result.limit);
  await store.setWatermark(read.userId, read.sequenceNumber);
};

/**
 * Requests the per-record seam sends for `batch`, after `warmUp` has been
 * applied the same way (uncounted), so that both stores start from the same
 * existing state.
 */
export const countNaiveRequests = async (
  warmUp: readonly KinesisStreamRecord[],
  batch: readonly KinesisStreamRecord[],
): Promise<number> => {
  const store = new CountingPerRecordStore();
  for (const record of warmUp) await processRecordPerCall(record, store);
  store.requests = 0;
  for (const record of batch) await processRecordPerCall(record, store);
  return store.requests;
};

/**
 * Distinct table items the batch's events touch: the limit item of every
 * valid event of ours and its user's watermark item. A store that reads and
 * writes each touched item once needs about this many requests.
 */
export const countDistinctItems = (batch: readonly KinesisStreamRecord[]): number => {
  const items = new Set<string>();
  for (const record of batch) {
    const read = readRecord(record, ANY_KEY_STORABLE);
    if (read.kind !== 'event') continue;
    items.add(JSON.stringify(['LIMIT', read.userId, read.userLimitId]));
    items.add(JSON.stringify(['WATERMARK', read.userId]));
  }
  return items.size;
};
