import { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamRecord } from 'aws-lambda';
import { type E2eResult, runE2e } from '../../tools/kinesis/e2e-run';

// kinesalite → 2 shards → 3 concurrent batchers per shard (ParallelizationFactor 3)
// → the real handler on the DynamoDB store (dynalite), compared with the direct in-memory replay.
describe('end to end through kinesalite into the DynamoDB store, 3 batchers per shard', () => {
  const delivered: KinesisStreamRecord[][] = [];
  let result: E2eResult;

  beforeAll(async () => {
    result = await runE2e({
      records: 1_200,
      users: 90,
      shards: 2,
      seed: 11,
      createStreamMs: 50,
      getRecordsLimit: 200,
      store: 'dynamodb',
      parallelization: 3,
      logger: new Logger({ logLevel: 'SILENT' }),
      observe: (_shardId, records) => delivered.push([...records]),
    });
  }, 60_000);

  it('reaches the same state and counters as the direct in-memory replay', () => {
    expect(result.store).toBe('dynamodb');
    expect(result.parallelization).toBe(3);
    expect(result.mismatches).toBe(0);
    expect(result.summary).toEqual(result.directSummary);
    expect(result.userLimits).toBeGreaterThan(80);
    for (const outcome of ['applied', 'duplicates', 'ignored', 'rejected'] as const) expect(result.summary[outcome]).toBeGreaterThan(0);
    expect(result.summary.failed).toBe(0);
  });

  it('read every produced record once', () => {
    expect(delivered.flat()).toHaveLength(1_200);
    expect(result.summary.records).toBe(1_200);
  });
});
