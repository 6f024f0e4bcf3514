import { createHash } from 'node:crypto';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { OutcomeCounts } from '../../lambda/processor/pipeline/outcome';
import type { EventSourceEmulator } from '../event-source-emulator';
import { sumCounts } from './compare';

/**
 * Which of `parallelization` batchers handles a partition key: a stable hash
 * (MD5, as Kinesis hashes keys to shards), so that one key is always on one
 * batcher and its records stay in order, as Lambda promises with a
 * ParallelizationFactor above 1.
 */
export const batcherFor = (partitionKey: string, parallelization: number): number =>
  createHash('md5').update(partitionKey, 'utf8').digest().readUInt32BE(0) % parallelization;

/**
 * One shard's records through `parallelization` concurrent batchers, each an
 * event-source emulator of its own (own batches, own retries) on the real
 * handler: like Lambda's ParallelizationFactor, records of one partition key
 * go to one batcher, in order; different keys run concurrently. Each page
 * read from the shard is split by key and its parts delivered concurrently;
 * the next page starts when all parts are done.
 */
export class ParallelShardBatchers {
  readonly #emulators: EventSourceEmulator[];

  constructor(parallelization: number, createEmulator: (batcher: number) => EventSourceEmulator) {
    if (!Number.isInteger(parallelization) || parallelization < 1) throw new RangeError('parallelization must be a positive integer');
    this.#emulators = Array.from({ length: parallelization }, (_, batcher) => createEmulator(batcher));
  }

  /** Splits `records` by partition key among the batchers (order kept within each) and delivers the parts concurrently. */
  async deliver(records: readonly KinesisStreamRecord[]): Promise<void> {
    const parts: KinesisStreamRecord[][] = this.#emulators.map(() => []);
    for (const record of records) parts[batcherFor(record.kinesis.partitionKey, parts.length)]!.push(record);
    await Promise.all(parts.map((part, batcher) => (part.length > 0 ? this.#emulators[batcher]!.deliver(part) : Promise.resolve())));
  }

  /** Every batcher's counters added up. */
  summary(): OutcomeCounts {
    return sumCounts(this.#emulators.map((emulator) => emulator.summary()));
  }
}
