import type { KinesisStreamRecord } from 'aws-lambda';
import { emptyCounts } from '../../lambda/processor/pipeline/outcome';
import type { EventSourceEmulator } from '../../tools/event-source-emulator';
import { syntheticSequenceNumber, toKinesisRecord } from '../../tools/kinesis-records';
import { batcherFor, ParallelShardBatchers } from '../../tools/kinesis/parallel-batcher';

const record = (partitionKey: string, index: number): KinesisStreamRecord =>
  toKinesisRecord(Buffer.from(`{"n":${index}}`), {
    partitionKey,
    sequenceNumber: syntheticSequenceNumber(index),
    approximateArrivalTimestamp: 1,
  });

/** A stand-in emulator: records what it was given, takes a few ms per call, counts every record as applied. */
const recordingEmulator =
  (log: { batcher: number; records: KinesisStreamRecord[] }[], inFlight: { now: number; max: number }) => (batcher: number) => {
    let applied = 0;
    return {
      deliver: async (records: readonly KinesisStreamRecord[]) => {
        inFlight.max = Math.max(inFlight.max, (inFlight.now += 1));
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push({ batcher, records: [...records] });
        applied += records.length;
        inFlight.now -= 1;
      },
      summary: () => ({ ...emptyCounts(), records: applied, applied }),
    } as unknown as EventSourceEmulator;
  };

describe('parallel batchers per shard (ParallelizationFactor)', () => {
  const keys = Array.from({ length: 40 }, (_, index) => `user-${index}`);
  const records = Array.from({ length: 400 }, (_, index) => record(keys[(index * 7) % keys.length]!, index));

  it('hashes a partition key to one batcher in range, always the same, and uses them all', () => {
    for (const key of keys) {
      const batcher = batcherFor(key, 3);
      expect(batcher).toBeGreaterThanOrEqual(0);
      expect(batcher).toBeLessThan(3);
      expect(batcherFor(key, 3)).toBe(batcher);
    }
    expect(new Set(keys.map((key) => batcherFor(key, 3)))).toEqual(new Set([0, 1, 2]));
  });

  it('delivers every record once, each key on one batcher in stream order, batchers concurrently', async () => {
    const log: { batcher: number; records: KinesisStreamRecord[] }[] = [];
    const inFlight = { now: 0, max: 0 };
    const batchers = new ParallelShardBatchers(3, recordingEmulator(log, inFlight));
    for (let start = 0; start < records.length; start += 100) await batchers.deliver(records.slice(start, start + 100));

    const delivered = log.flatMap((entry) => entry.records);
    expect(delivered).toHaveLength(records.length);
    expect(new Set(delivered.map((entry) => entry.eventID))).toEqual(new Set(records.map((entry) => entry.eventID)));
    const batcherOfKey = new Map<string, Set<number>>();
    for (const entry of log) {
      for (const { kinesis } of entry.records)
        batcherOfKey.set(kinesis.partitionKey, (batcherOfKey.get(kinesis.partitionKey) ?? new Set()).add(entry.batcher));
    }
    for (const batcherSet of batcherOfKey.values()) expect(batcherSet.size).toBe(1);
    for (const key of keys) {
      const sequence = delivered.filter((entry) => entry.kinesis.partitionKey === key).map((entry) => BigInt(entry.kinesis.sequenceNumber));
      sequence.slice(1).forEach((current, index) => expect(current > sequence[index]!).toBe(true));
    }
    expect(inFlight.max).toBe(3);
    expect(batchers.summary()).toMatchObject({ records: 400, applied: 400 });
  });

  it('refuses a parallelization that is not a positive integer', () => {
    expect(() => new ParallelShardBatchers(0, recordingEmulator([], { now: 0, max: 0 }))).toThrow(RangeError);
  });
});
