import { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamRecord } from 'aws-lambda';
import { type E2eResult, runE2e } from '../../tools/kinesis/e2e-run';

// The whole path on a real Kinesis API (kinesalite on loopback): producer →
// 4 shards → GetRecords pollers → real handler, compared with the direct replay.
describe('end to end through kinesalite (1,500 records, 4 shards)', () => {
  const delivered = new Map<string, KinesisStreamRecord[]>();
  let result: E2eResult;

  beforeAll(async () => {
    result = await runE2e({
      records: 1_500,
      users: 120,
      shards: 4,
      seed: 7,
      createStreamMs: 50,
      getRecordsLimit: 100, // several pages per shard
      logger: new Logger({ logLevel: 'SILENT' }),
      observe: (shardId, records) => delivered.set(shardId, [...(delivered.get(shardId) ?? []), ...records]),
    });
  }, 30_000);

  it('reaches the same state and the same counters as the direct replay', () => {
    expect(result.mismatches).toBe(0);
    expect(result.summary).toEqual(result.directSummary);
    expect(result.summariesMatch).toBe(true);
    expect(result.userLimits).toBeGreaterThan(100);
  });

  it('exercises every kind of outcome the workload holds', () => {
    const { summary } = result;
    for (const outcome of ['applied', 'duplicates', 'ignored', 'orphaned', 'rejected'] as const) {
      expect(summary[outcome]).toBeGreaterThan(0);
    }
    expect(summary.failed).toBe(0);
  });

  it('loses nothing: every produced record is read once and ends in exactly one outcome', () => {
    const all = [...delivered.values()].flat();
    const produced = result.produced.placements.map(({ shardId, sequenceNumber }) => `${shardId}:${sequenceNumber}`);
    expect(result.produced.records).toBe(1_500);
    expect(all).toHaveLength(1_500);
    expect(new Set(all.map((record) => record.eventID))).toEqual(new Set(produced));
    expect(result.summary.records).toBe(1_500);
  });

  it('spreads the stream over all 4 shards and reads each shard in sequence-number order', () => {
    expect(result.shards).toBe(4);
    expect(result.polled.getRecordsCalls).toBeGreaterThan(4 * 3);
    expect(delivered.size).toBe(4);
    for (const [shardId, records] of delivered) {
      expect(records.length).toBeGreaterThan(100);
      const sequence = records.map((record) => BigInt(record.kinesis.sequenceNumber));
      sequence.slice(1).forEach((current, index) => expect(current > sequence[index]!).toBe(true));
      expect(records.every((record) => record.eventID === `${shardId}:${record.kinesis.sequenceNumber}`)).toBe(true);
    }
  });

  it("keeps every user's records on one shard, in the order they were produced", () => {
    const producedByKey = new Map<string, string[]>();
    for (const record of result.workload) {
      producedByKey.set(record.partitionKey, [...(producedByKey.get(record.partitionKey) ?? []), record.data.toString('base64')]);
    }
    const readByKey = new Map<string, { shards: Set<string>; data: string[] }>();
    for (const [shardId, records] of delivered) {
      for (const record of records) {
        const entry = readByKey.get(record.kinesis.partitionKey) ?? { shards: new Set(), data: [] };
        entry.shards.add(shardId);
        entry.data.push(record.kinesis.data);
        readByKey.set(record.kinesis.partitionKey, entry);
      }
    }
    expect(readByKey.size).toBe(producedByKey.size);
    for (const [key, data] of producedByKey) {
      expect(readByKey.get(key)?.shards.size).toBe(1);
      expect(readByKey.get(key)?.data).toEqual(data);
    }
  });

  it('delivers genuine Lambda Kinesis records built from what GetRecords returned', () => {
    const record = delivered.values().next().value![0]!;
    expect(record).toMatchObject({
      eventSource: 'aws:kinesis',
      eventName: 'aws:kinesis:record',
      eventVersion: '1.0',
      eventSourceARN: expect.stringMatching(/^arn:aws:kinesis:[a-z0-9-]+:[0-9]+:stream\/user-limit-events$/),
      kinesis: { kinesisSchemaVersion: '1.0', sequenceNumber: expect.stringMatching(/^[0-9]{20,}$/) },
    });
    // Arrival time in seconds, set by the server when the record was put: a few seconds ago at most.
    expect(Math.abs(record.kinesis.approximateArrivalTimestamp - Date.now() / 1000)).toBeLessThan(60);
  });
});
