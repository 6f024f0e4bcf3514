import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, KinesisStreamRecord } from 'aws-lambda';
import { PROCESSOR_MEMORY_MB, PROCESSOR_TIMEOUT_SECONDS } from '../infra/function-sizing';
import { createHandler, type KinesisHandler } from '../lambda/processor/create-handler';
import { emptyCounts, type Outcome, type OutcomeCounts } from '../lambda/processor/pipeline/outcome';
import type { UserLimitStore } from '../lambda/store/user-limit-store';

export interface EmulatorOptions {
  store: UserLimitStore;
  logger: Logger;
  /** One EMF blob per invocation, as the deployed handler prints; absent: none. */
  metrics?: Metrics;
  /** The store does I/O: the blob and the summary line get StoreMs. */
  timeStore?: boolean;
  /** Records per invocation, like the mapping's BatchSize. Default 100. */
  batchSize?: number;
  /**
   * Retries of a failing batch before its rest goes to the on-failure destination. Default 3, fewer
   * than the deployed mapping's 10 (infra/event-source-settings.ts) to keep fault tests short; the
   * retry logic is the same for any count.
   */
  maxRetries?: number;
}

/** Thrown when the handler breaks Lambda's contract (an identifier outside the batch). */
export class HandlerContractError extends Error {
  override name = 'HandlerContractError';
}

const fakeContext = (invocation: number): Context =>
  ({
    functionName: 'user-limits-processor',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:user-limits-processor',
    memoryLimitInMB: String(PROCESSOR_MEMORY_MB),
    awsRequestId: `local-${invocation}`,
    logGroupName: '/aws/lambda/user-limits-processor',
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => PROCESSOR_TIMEOUT_SECONDS * 1000,
  }) as Context;

/**
 * Mimics the Lambda Kinesis event source mapping for one consumer: delivers
 * records in order and in batches to the real handler, retries from the
 * lowest reported failure (up to `maxRetries`), then counts the rest of that
 * batch as `failed` (Lambda would send it to the on-failure destination) and
 * goes on.
 */
export class EventSourceEmulator {
  readonly #handler: KinesisHandler;
  readonly #batchSize: number;
  readonly #maxRetries: number;
  /** Final outcome per distinct record (by eventID), however often it was delivered. */
  readonly #outcomes = new Map<string, Outcome>();
  #lastOutcomes: readonly Outcome[] = [];
  invocations = 0;

  constructor(options: EmulatorOptions) {
    this.#batchSize = options.batchSize ?? 100;
    this.#maxRetries = options.maxRetries ?? 3;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    this.#handler = createHandler({
      store: options.store,
      logger: options.logger,
      metrics: options.metrics,
      timeStore: options.timeStore,
      onOutcomes: (outcomes) => {
        this.#lastOutcomes = outcomes;
      },
    });
  }

  /** Delivers records in order, `batchSize` at a time. */
  async deliver(records: readonly KinesisStreamRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += this.#batchSize) {
      await this.deliverBatch(records.slice(start, start + this.#batchSize));
    }
  }

  /** Delivers one batch as is, with the mapping's retry behaviour. */
  async deliverBatch(batch: readonly KinesisStreamRecord[]): Promise<void> {
    let pending = [...batch];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const failedAt = await this.#invoke(pending);
      if (failedAt === undefined) return;
      pending = pending.slice(failedAt);
      if (attempt === this.#maxRetries) {
        for (const record of pending) this.#record(record, 'failed');
        return;
      }
    }
  }

  /** Counters over distinct records: `records` is the sum of the others. */
  summary(): OutcomeCounts {
    const counts = emptyCounts();
    for (const outcome of this.#outcomes.values()) counts[outcome] += 1;
    counts.records = this.#outcomes.size;
    return counts;
  }

  /** Index of the lowest reported record, or undefined when the batch succeeded. */
  async #invoke(records: KinesisStreamRecord[]): Promise<number | undefined> {
    this.invocations += 1;
    this.#lastOutcomes = [];
    let identifiers: string[];
    try {
      const response = await this.#handler({ Records: records }, fakeContext(this.invocations));
      identifiers = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier ?? '');
    } catch {
      identifiers = [records[0]!.kinesis.sequenceNumber]; // a thrown handler fails the whole batch
    }
    records.forEach((record, index) => {
      const outcome = this.#lastOutcomes[index];
      if (outcome !== undefined && outcome !== 'failed') this.#record(record, outcome);
    });
    if (identifiers.length === 0) return undefined;
    const positions = identifiers.map((id) => records.findIndex((record) => record.kinesis.sequenceNumber === id));
    if (positions.some((position) => position < 0)) {
      throw new HandlerContractError(`handler reported an identifier outside the batch: ${identifiers.join(', ')}`);
    }
    return Math.min(...positions);
  }

  #record(record: KinesisStreamRecord, outcome: Outcome): void {
    const key = record.eventID ?? record.kinesis.sequenceNumber;
    const known = this.#outcomes.get(key);
    if (known === undefined || known === 'failed') this.#outcomes.set(key, outcome);
  }
}
