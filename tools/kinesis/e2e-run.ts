import type { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { UserLimit } from '../../lambda/domain/user-limit';
import type { OutcomeCounts } from '../../lambda/processor/pipeline/outcome';
import { EventSourceEmulator } from '../event-source-emulator';
import { syntheticSequenceNumber, toKinesisRecord } from '../kinesis-records';
import { replayInputs, sortUserLimits } from '../replay-inputs';
import { generateWorkload, type WorkloadRecord } from '../workload';
import { createKinesisClient } from './client';
import { countMismatches, sameCounts, sumCounts } from './compare';
import { startKinesalite } from './kinesalite-server';
import { type ProduceResult, produceRecords } from './producer';
import { type PollResult, pollStream } from './poller';
import { createStream } from './stream-admin';
import { type E2eStore, type E2eStoreKind, openE2eStore } from './e2e-store';
import { ParallelShardBatchers } from './parallel-batcher';

export interface E2eOptions {
  records: number;
  users: number;
  shards: number;
  seed?: number;
  /** kinesalite's port; 0 or absent picks a free one. */
  port?: number;
  /** Records per handler invocation, like the mapping's BatchSize. Default 100. */
  batchSize?: number;
  /** Most records per GetRecords call. Default 1000. */
  getRecordsLimit?: number;
  /** Where the handlers write: the in-memory store (default) or the DynamoDB store on an embedded dynalite. */
  store?: E2eStoreKind;
  /** Concurrent batchers per shard, one partition key always on one (Lambda's ParallelizationFactor). Default 1. */
  parallelization?: number;
  /** How long kinesalite keeps a new stream CREATING. Default 500 ms. */
  createStreamMs?: number;
  logger: Logger;
  /** One line per step, for a person watching. */
  progress?: (line: string) => void;
  /** Sees each shard's records in delivery order (tests check order with it). */
  observe?: (shardId: string, records: readonly KinesisStreamRecord[]) => void;
}

export interface E2eResult {
  shards: number;
  store: E2eStoreKind;
  parallelization: number;
  /** Through kinesalite: every shard's emulator added up. */
  summary: OutcomeCounts;
  /** The direct replay of the same records on one synthetic shard. */
  directSummary: OutcomeCounts;
  summariesMatch: boolean;
  /** User limits that differ between the two paths. */
  mismatches: number;
  userLimits: number;
  seconds: number;
  produced: ProduceResult;
  polled: PollResult;
  workload: WorkloadRecord[];
}

const STREAM_NAME = 'user-limit-events';

/** The workload as one synthetic shard, in production order: the reference path. */
const replayDirectly = (workload: readonly WorkloadRecord[], batchSize: number, logger: Logger) =>
  replayInputs(
    [
      {
        kind: 'domain-events',
        records: workload.map((record, index) =>
          toKinesisRecord(record.data, {
            partitionKey: record.partitionKey,
            sequenceNumber: syntheticSequenceNumber(index),
            approximateArrivalTimestamp: 1_700_000_000 + index / 1000,
          }),
        ),
      },
    ],
    { batchSize, logger },
  );

/**
 * The whole path on a real Kinesis API: kinesalite on loopback, a stream of
 * `shards` shards, a generated workload put with PutRecords, every shard
 * read with GetRecords into the real handler (one emulator per shard, one
 * shared store), then the state compared with the direct replay.
 */
export const runE2e = async (options: E2eOptions): Promise<E2eResult> => {
  const started = performance.now();
  const say = options.progress ?? (() => undefined);
  const batchSize = options.batchSize ?? 100;
  const workload = generateWorkload({
    records: options.records,
    users: options.users,
    seed: options.seed ?? 42,
    redeliveryRate: 0.05,
    poisonRate: 0.01,
  });
  say(`generated ${workload.length} records for ${options.users} users (5% redeliveries, 1% poison)`);

  const server = await startKinesalite({ port: options.port, createStreamMs: options.createStreamMs });
  const client = createKinesisClient({ endpoint: server.endpoint });
  const connection = { client, endpoint: server.endpoint };
  const parallelization = options.parallelization ?? 1;
  let e2eStore: E2eStore | undefined;
  const batchers = new Map<string, ParallelShardBatchers>();
  let produced: ProduceResult;
  let polled: PollResult;
  let finalState: UserLimit[];
  try {
    say(`kinesalite listening on ${server.endpoint}`);
    const opened = (e2eStore = await openE2eStore(options.store ?? 'memory'));
    if (opened.kind === 'dynamodb') say(`DynamoDB store on an embedded dynalite, ${parallelization} batcher(s) per shard`);
    const stream = await createStream(connection, STREAM_NAME, options.shards);
    say(`stream ${stream.streamName} ACTIVE with ${stream.shards} shards`);

    let reported = 0;
    produced = await produceRecords(connection, workload, {
      streamName: STREAM_NAME,
      onProgress: (put, total) => {
        if (put === total || put - reported >= total / 4) say(`produced ${(reported = put)}/${total} records`);
      },
    });
    say(`produced with ${produced.requests} PutRecords calls, ${produced.retriedRecords} records retried, ${produced.throttles} throttles`);

    let delivered = 0;
    let deliveredReported = 0;
    polled = await pollStream(connection, {
      streamName: STREAM_NAME,
      streamArn: stream.streamArn,
      limit: options.getRecordsLimit,
      deliver: async (shardId, records) => {
        options.observe?.(shardId, records);
        let shardBatchers = batchers.get(shardId);
        if (shardBatchers === undefined) {
          shardBatchers = new ParallelShardBatchers(
            parallelization,
            () => new EventSourceEmulator({ store: opened.store, logger: options.logger, batchSize }),
          );
          batchers.set(shardId, shardBatchers);
        }
        await shardBatchers.deliver(records);
        delivered += records.length;
        if (delivered - deliveredReported >= workload.length / 4)
          say(`delivered ${(deliveredReported = delivered)}/${workload.length} records`);
      },
    });
    for (const [shardId, count] of Object.entries(polled.recordsPerShard)) say(`${shardId}: ${count} records delivered to the handler`);
    finalState = await opened.snapshot();
  } finally {
    client.destroy();
    await server.stop();
    await e2eStore?.close();
  }
  say('kinesalite stopped; replaying the same records directly for comparison');

  const direct = await replayDirectly(workload, batchSize, options.logger);
  const summary = sumCounts([...batchers.values()].map((shardBatchers) => shardBatchers.summary()));
  return {
    shards: Object.keys(polled.recordsPerShard).length,
    store: options.store ?? 'memory',
    parallelization,
    summary,
    directSummary: direct.summary,
    summariesMatch: sameCounts(summary, direct.summary),
    mismatches: countMismatches(sortUserLimits(finalState), direct.userLimits),
    userLimits: direct.userLimits.length,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    produced,
    polled,
    workload,
  };
};
