import type { KinesisStreamEvent } from 'aws-lambda';
import { syntheticSequenceNumber, toKinesisRecord } from '../kinesis-records';
import { generateWorkload } from '../workload';

/** The share of each event kind the issue asks for (10 % created, 70 % progress, 10 % reset, 10 % other). */
export const BENCH_MIX = { created: 0.1, progress: 0.7, reset: 0.1, unrelated: 0.1 };

/**
 * One Lambda Kinesis batch of generated, realistic records, as the event
 * source mapping delivers it: one shard, increasing sequence numbers.
 */
export const benchBatch = (options: { records: number; users: number; seed?: number }): KinesisStreamEvent => {
  const workload = generateWorkload({ records: options.records, users: options.users, mix: BENCH_MIX, seed: options.seed });
  return {
    Records: workload.map(({ partitionKey, data }, index) =>
      toKinesisRecord(data, {
        partitionKey,
        sequenceNumber: syntheticSequenceNumber(index),
        approximateArrivalTimestamp: 1_700_000_000 + index / 1000,
      }),
    ),
  };
};

/** The first `count` records of a batch: the same users and shapes, a smaller batch. */
export const firstRecords = (event: KinesisStreamEvent, count: number): KinesisStreamEvent => ({
  Records: event.Records.slice(0, count),
});
