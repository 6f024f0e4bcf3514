import type { KinesisStreamRecord } from 'aws-lambda';
import { syntheticSequenceNumber, toKinesisRecord } from '../kinesis-records';
import { generateWorkload } from '../workload';
import { BENCH_MIX } from './bench-workload';

export interface StoreWorkloadOptions {
  /** Records in the timed batch. */
  records: number;
  users: number;
  /** Records replayed first, untimed, so that the batch meets existing limits and watermarks. */
  warmUpRecords: number;
  seed?: number;
}

/** A warm-up stream and the batch that follows it on the same shard. */
export interface StoreWorkload {
  warmUp: KinesisStreamRecord[];
  batch: KinesisStreamRecord[];
}

/**
 * The benchmark's workload (its mix, users with 1–3 limits) as one stream
 * of `warmUpRecords + records` records, cut in two: the same users appear in
 * both parts, so the timed batch updates limits that already exist, with
 * sequence numbers above the stored watermarks, as in production.
 */
export const storeBenchWorkload = (options: StoreWorkloadOptions): StoreWorkload => {
  const workload = generateWorkload({
    records: options.warmUpRecords + options.records,
    users: options.users,
    mix: BENCH_MIX,
    seed: options.seed ?? 42,
  });
  const records = workload.map(({ partitionKey, data }, index) =>
    toKinesisRecord(data, {
      partitionKey,
      sequenceNumber: syntheticSequenceNumber(index),
      approximateArrivalTimestamp: 1_700_000_000 + index / 1000,
    }),
  );
  return { warmUp: records.slice(0, options.warmUpRecords), batch: records.slice(options.warmUpRecords) };
};
