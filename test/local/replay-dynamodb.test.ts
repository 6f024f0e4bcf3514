import { Logger } from '@aws-lambda-powertools/logger';
import { type Input, readInputFile } from '../../tools/input-files';
import { syntheticSequenceNumber, toKinesisRecord } from '../../tools/kinesis-records';
import { RECORDED_STREAM_PATH } from '../../tools/recorded-stream';
import { startDynalite } from '../../tools/local/dynalite-server';
import { replayInputs } from '../../tools/replay-inputs';
import { replayIntoDynamoDb } from '../../tools/replay-store';
import { generateWorkload } from '../../tools/workload';

const logger = new Logger({ logLevel: 'SILENT' });
const recorded: Input[] = [readInputFile(RECORDED_STREAM_PATH, 0)];
/** A generated stream with every outcome: redeliveries, poison, orphans, several users and limits. */
const generated: Input[] = [
  {
    kind: 'domain-events',
    records: generateWorkload({ records: 400, users: 30, seed: 3, redeliveryRate: 0.05, poisonRate: 0.02 }).map((record, index) =>
      toKinesisRecord(record.data, {
        partitionKey: record.partitionKey,
        sequenceNumber: syntheticSequenceNumber(index),
        approximateArrivalTimestamp: 1,
      }),
    ),
  },
];

describe('replay into the DynamoDB store (embedded dynalite)', () => {
  it('the recorded stream: the same document as the in-memory replay, read back from the table', async () => {
    const inMemory = await replayInputs(recorded, { logger });
    const dynamo = await replayIntoDynamoDb(recorded, { logger });
    expect({ userLimits: dynamo.userLimits, summary: dynamo.summary }).toEqual(inMemory);
    expect(dynamo.userLimits).toHaveLength(3);
    expect(dynamo.chaos).toBeUndefined();
    expect(Object.keys(dynamo.requests).sort()).toEqual(['BatchGetItem', 'PutItem']);
  });

  it('a generated stream in batches of 50: the same state and counters as in memory', async () => {
    const inMemory = await replayInputs(generated, { logger, batchSize: 50 });
    const dynamo = await replayIntoDynamoDb(generated, { logger, batchSize: 50 });
    expect(dynamo.userLimits).toEqual(inMemory.userLimits);
    expect(dynamo.summary).toEqual(inMemory.summary);
    expect(inMemory.userLimits.length).toBeGreaterThan(20);
  });

  it.each([1, 2])(
    'with 20 %% of requests failing (seed %i) and enough retries, the final state equals the clean one',
    async (seed) => {
      const clean = await replayInputs(generated, { logger, batchSize: 50 });
      const chaotic = await replayIntoDynamoDb(generated, {
        logger,
        batchSize: 50,
        chaos: { probability: 0.2, seed },
        chaosTimeoutMs: 20,
        maxRetries: 50,
      });
      expect(chaotic.userLimits).toEqual(clean.userLimits);
      expect(chaotic.summary.records).toBe(clean.summary.records);
      expect(chaotic.summary.failed).toBe(0);
      const counters = chaotic.chaos!;
      for (const kind of ['throttling', 'server-error', 'timeout', 'lost-response'] as const)
        expect(counters.faults[kind]).toBeGreaterThan(0);
      // The lost responses include applied writes that were then retried.
      expect(counters.faultsByOperation.PutItem?.['lost-response'] ?? 0).toBeGreaterThan(0);
    },
    60_000,
  );

  it('--endpoint: creates the table when missing, then replays into the table that is there', async () => {
    const dynalite = await startDynalite();
    try {
      const first = await replayIntoDynamoDb(recorded, { logger, endpoint: dynalite.endpoint });
      const again = await replayIntoDynamoDb(recorded, { logger, endpoint: dynalite.endpoint });
      expect(again.userLimits).toEqual(first.userLimits);
      expect(first.summary).toMatchObject({ applied: 9, duplicates: 0 });
      expect(again.summary).toMatchObject({ applied: 0, duplicates: 11 }); // every event of ours is below the stored watermark
    } finally {
      await dynalite.stop();
    }
  });

  it('too few retries under heavy faults: records fail (reported), none is lost silently', async () => {
    const chaotic = await replayIntoDynamoDb(recorded, { logger, chaos: { probability: 0.9, seed: 4 }, chaosTimeoutMs: 5, maxRetries: 0 });
    expect(chaotic.summary.failed).toBeGreaterThan(0);
    expect(chaotic.summary.records).toBe(17);
  });
});
