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
  /** Called after each accepted batch with the records put so far. */
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

/** Splits records into PutRecords-sized batches, keeping their order. */
export const toPutBatches = (records: readonly WorkloadRecord[], batchSize = MAX_RECORDS_PER_PUT): number[][] => {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  records.forEach((record, index) => {
    const size = entrySize(record);
    if (size > MAX_BYTES_PER_RECORD) throw new UsageError(`record ${index + 1} is ${size} bytes; Kinesis takes at most 1 MiB per record`);
    if (current.length === batchSize || bytes + size > MAX_BYTES_PER_PUT) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
};

/**
 * Puts records on a stream with PutRecords, batch after batch, so that one
 * partition key's records keep their order across batches. Records the API
 * reports as failed are sent again (after a backoff when throttled) until
 * every record is accepted. Kinesis itself cannot keep order inside a batch
 * when only some records fail: a retried record lands after its batch's
 * later records of the same key (the handler then sees it as stale).
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
  const counted = countingThrottles(connection);
  const placements: Placement[] = new Array(records.length);
  const result = { records: 0, requests: 0, retriedRecords: 0 };
  for (const batch of toPutBatches(records, batchSize)) {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const entries: PutRecordsRequestEntry[] = pending.map((index) => ({
        Data: records[index]!.data,
        PartitionKey: records[index]!.partitionKey,
      }));
      const response = await callKinesis(counted.connection, 'PutRecords', (client) => {
        result.requests += 1; // each try, throttled ones included
        return client.send(new PutRecordsCommand({ StreamName: options.streamName, Records: entries }));
      });
      const failed: number[] = [];
      let failureCode: string | undefined;
      let failureMessage: string | undefined;
      pending.forEach((index, position) => {
        const entry = response.Records?.[position];
        if (entry?.SequenceNumber !== undefined && entry.ShardId !== undefined && entry.ErrorCode === undefined) {
          placements[index] = { shardId: entry.ShardId, sequenceNumber: entry.SequenceNumber };
        } else {
          failed.push(index);
          failureCode ??= entry?.ErrorCode ?? 'MissingResult';
          failureMessage ??= entry?.ErrorMessage;
        }
      });
      result.records += pending.length - failed.length;
      pending = failed;
      if (failed.length === 0) break;
      result.retriedRecords += failed.length;
      const backoff = counted.connection.backoff ?? {};
      if (isThrottlingCode(failureCode)) {
        await waitAfterThrottle('PutRecords', attempt, failureCode, backoff);
        continue;
      }
      if (attempt >= (backoff.maxAttempts ?? 10)) {
        throw new KinesisToolError(
          `PutRecords: ${failed.length} records still failing after ${attempt} attempts (${failureCode}: ${failureMessage ?? 'no message'})`,
        );
      }
      await pause(backoffDelay(attempt, backoff), backoff); // e.g. InternalFailure: try again, but not at once
    }
    options.onProgress?.(result.records, records.length);
  }
  return { ...result, throttles: counted.throttles(), placements };
};
