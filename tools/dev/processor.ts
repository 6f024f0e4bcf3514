import type { Logger } from '@aws-lambda-powertools/logger';
import type { KinesisStreamRecord } from 'aws-lambda';
import { OUTCOMES, type OutcomeCounts } from '../../lambda/processor/pipeline/outcome';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import { EventSourceEmulator } from '../event-source-emulator';
import type { KinesisConnection } from '../kinesis/client';
import { followStream, type StreamFollower } from './stream-follower';

export interface ProcessorOptions {
  streamName: string;
  streamArn: string;
  store: UserLimitStore;
  logger: Logger;
  /** Records per handler invocation, like the mapping's BatchSize. Default 100. */
  batchSize?: number;
  /** One line per batch and per retried read. */
  progress: (line: string) => void;
}

/** What changed in the counters during one batch. */
const difference = (after: OutcomeCounts, before: OutcomeCounts): OutcomeCounts =>
  Object.fromEntries(
    Object.keys(after).map((name) => [name, after[name as keyof OutcomeCounts] - before[name as keyof OutcomeCounts]]),
  ) as OutcomeCounts;

/** e.g. `processor: shardId-000000000001: batch of 17 records: 4 applied, 0 duplicates, …` (outcomes new in this batch). */
export const describeBatch = (shardId: string, size: number, counts: OutcomeCounts): string =>
  `processor: ${shardId}: batch of ${size} records: ${OUTCOMES.map((name) => `${counts[name]} ${name}`).join(', ')}`;

/**
 * The processor Lambda behind a stand-in for its Kinesis event source
 * mapping: every shard followed continuously, each shard's records handed in
 * batches to the real handler (with the mapping's retry behaviour) over the
 * given store.
 */
export const startProcessor = async (connection: KinesisConnection, options: ProcessorOptions): Promise<StreamFollower> => {
  const batchSize = options.batchSize ?? 100;
  const emulators = new Map<string, EventSourceEmulator>();
  const deliver = async (shardId: string, records: KinesisStreamRecord[]): Promise<void> => {
    let emulator = emulators.get(shardId);
    if (emulator === undefined) {
      emulator = new EventSourceEmulator({ store: options.store, logger: options.logger, batchSize });
      emulators.set(shardId, emulator);
    }
    for (let start = 0; start < records.length; start += batchSize) {
      const batch = records.slice(start, start + batchSize);
      const before = emulator.summary();
      await emulator.deliverBatch(batch);
      options.progress(describeBatch(shardId, batch.length, difference(emulator.summary(), before)));
    }
  };
  return followStream(connection, {
    streamName: options.streamName,
    streamArn: options.streamArn,
    deliver,
    onError: (line) => options.progress(`processor: ${line}`),
  });
};
