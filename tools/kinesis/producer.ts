import { PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { UsageError } from '../usage-error';
import type { WorkloadRecord } from '../workload';
import { callKinesis, countingThrottles, type KinesisConnection } from './client';
import { KinesisToolError } from './errors';
import { backoffDelay, isThrottlingCode, pause, waitAfterThrottle } from './throttling';

/** Kinesis PutRecords limits. */
export const MAX_RECORDS_PER_PUT = 500;
const MAX_BYTES_PER_PUT = 5 * 1024 * 1024;
const MAX_BYTES_PER_RECORD = 1024 * 1024;

/** Where Kinesis put a record. */
export interface Placement {
  shardId: string;
  sequenceNumber: string;
}

export interface ProduceOptions {
  streamName: string;
  /** Records per PutRecords call, at most 500 (the default). */
  batchSize?: number;
  /** Called after each request that had records accepted, with the records put so far. */
  onProgress?: (put: number, total: number) => void;
}

export interface ProduceResult {
  /** Records accepted, equal to the input's length. */
  records: number;
  /** PutRecords calls, retries included. */
  requests: number;
  /** Records the API reported as failed and that were sent again. */
  retriedRecords: number;
  /** Throttles met (whole calls and single records), each followed by a backoff. */
  throttles: number;
  /** Per input record, in input order: where it landed. */
  placements: Placement[];
}

const entrySize = (record: WorkloadRecord): number => record.data.length + Buffer.byteLength(record.partitionKey, 'utf8');

/**
 * Records still to put, per partition key: input indexes in input order
 * (FIFO). The first index of a key's queue is its head, the only one of that
 * key that may be sent.
 */
export type PartitionQueues = Map<string, number[]>;

/** Queues the records' indexes by partition key; refuses a record over 1 MiB with its position. */
export const queueByPartitionKey = (records: readonly WorkloadRecord[]): PartitionQueues => {
  const queues: PartitionQueues = new Map();
  records.forEach((record, index) => {
    const size = entrySize(record);
    if (size > MAX_BYTES_PER_RECORD) throw new UsageError(`record ${index + 1} is ${size} bytes; Kinesis takes at most 1 MiB per record`);
    const queue = queues.get(record.partitionKey);
    if (queue === undefined) queues.set(record.partitionKey, [index]);
    else queue.push(index);
  });
  return queues;
};

/**
 * The next PutRecords request, as input indexes: the head of every key's
 * queue, earliest input index first, at most `batchSize` records and 5 MiB.
 * Never two records of one key. Pure: the queues are not changed.
 */
export const nextPutRequest = (
  queues: ReadonlyMap<string, readonly number[]>,
  records: readonly WorkloadRecord[],
  batchSize = MAX_RECORDS_PER_PUT,
): number[] => {
  // The `batchSize` smallest heads, kept sorted, in one pass over the keys (no sort of all heads).
  const heads: number[] = [];
  for (const queue of queues.values()) {
    const head = queue[0];
    if (head === undefined || (heads.length === batchSize && head > heads[batchSize - 1]!)) continue;
    let low = 0;
    let high = heads.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (heads[middle]! < head) low = middle + 1;
      else high = middle;
    }
    heads.splice(low, 0, head);
    if (heads.length > batchSize) heads.pop();
  }
  let bytes = 0;
  let count = 0;
  for (const index of heads) {
    bytes += entrySize(records[index]!);
    if (count > 0 && bytes > MAX_BYTES_PER_PUT) break;
    count += 1;
  }
  return heads.slice(0, count);
};

/**
 * Puts records on a stream with PutRecords so that every partition key's
 * records land in input order, even when Kinesis fails only some records of
 * a call. Each request carries at most one record per partition key (the
 * oldest not yet accepted), because Kinesis places a call's accepted records
 * at once: had a key's later record been in the same call as an earlier one
 * that failed, it would land before the retry, and the handler would count
 * the retried record as a stale duplicate. A key's next record is sent only
 * after its previous one was accepted; failed records are sent again in the
 * next request (after a backoff; throttling and other errors give up after
 * `maxAttempts` sends of the same record). Keys are independent: a key that
 * waits does not hold back the others.
 */
export const produceRecords = async (
  connection: KinesisConnection,
  records: readonly WorkloadRecord[],
  options: ProduceOptions,
): Promise<ProduceResult> => {
  const batchSize = options.batchSize ?? MAX_RECORDS_PER_PUT;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_RECORDS_PER_PUT) {
    throw new UsageError(`batch size must be an integer from 1 to ${MAX_RECORDS_PER_PUT}, got ${batchSize}`);
  }
  const queues = queueByPartitionKey(records);
  const counted = countingThrottles(connection);
  const placements = new Array<Placement>(records.length);
  const sends = new Uint32Array(records.length); // per record: PutRecords requests that carried it
  const result = { records: 0, requests: 0, retriedRecords: 0 };
  while (queues.size > 0) {
    const request = nextPutRequest(queues, records, batchSize);
    const entries: PutRecordsRequestEntry[] = request.map((index) => ({
      Data: records[index]!.data,
      PartitionKey: records[index]!.partitionKey,
    }));
    const response = await callKinesis(counted.connection, 'PutRecords', (client) => {
      result.requests += 1; // each try, throttled ones included
      return client.send(new PutRecordsCommand({ StreamName: options.streamName, Records: entries }));
    });
    let failed = 0;
    let attempt = 0; // the most sends of a record that failed this time
    let failureCode: string | undefined;
    let failureMessage: string | undefined;
    request.forEach((index, position) => {
      const sent = (sends[index] ?? 0) + 1;
      sends[index] = sent;
      const entry = response.Records?.[position];
      if (entry?.SequenceNumber !== undefined && entry.ShardId !== undefined && entry.ErrorCode === undefined) {
        placements[index] = { shardId: entry.ShardId, sequenceNumber: entry.SequenceNumber };
        const key = records[index]!.partitionKey;
        const queue = queues.get(key)!;
        queue.shift(); // accepted: the key's next record may go in the next request
        if (queue.length === 0) queues.delete(key);
      } else {
        failed += 1; // stays at the head of its key's queue
        attempt = Math.max(attempt, sent);
        failureCode ??= entry?.ErrorCode ?? 'MissingResult';
        failureMessage ??= entry?.ErrorMessage;
      }
    });
    result.records += request.length - failed;
    if (failed < request.length) options.onProgress?.(result.records, records.length);
    if (failed === 0) continue;
    result.retriedRecords += failed;
    const backoff = counted.connection.backoff ?? {};
    if (isThrottlingCode(failureCode)) {
      await waitAfterThrottle('PutRecords', attempt, failureCode, backoff);
      continue;
    }
    if (attempt >= (backoff.maxAttempts ?? 10)) {
      throw new KinesisToolError(
        `PutRecords: ${failed} records still failing after ${attempt} attempts (${failureCode}: ${failureMessage ?? 'no message'})`,
      );
    }
    await pause(backoffDelay(attempt, backoff), backoff); // e.g. InternalFailure: try again, but not at once
  }
  return { ...result, throttles: counted.throttles(), placements };
};
