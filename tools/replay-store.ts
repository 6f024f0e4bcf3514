import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDbUserLimitStore } from '../lambda/store/dynamodb/dynamodb-store';
import { EventSourceEmulator } from './event-source-emulator';
import type { Input } from './input-files';
import type { ChaosCounters } from './local/chaos/chaos-handler';
import { FAULT_KINDS } from './local/chaos/fault-plan';
import { createLocalClients } from './local/dynamodb-clients';
import { ensureUserLimitsTable, LOCAL_TABLE_NAME, openEndpoint, readAllUserLimits } from './local/local-table';
import { type ReplayResult, replayInputs, sortUserLimits } from './replay-inputs';

export interface DynamoDbReplayOptions {
  logger: Logger;
  /** One EMF blob per invocation (with StoreMs); absent: none. */
  metrics?: Metrics;
  /** A DynamoDB-compatible endpoint; absent: an embedded dynalite for this run. */
  endpoint?: string;
  tableName?: string;
  /** Records per invocation. Default 100. */
  batchSize?: number;
  /** The emulator's retries of a failing batch. Default: the emulator's. */
  maxRetries?: number;
  /** Fail this share of DynamoDB requests (0 ≤ P < 1), seeded. Absent or 0: no faults. */
  chaos?: { probability: number; seed: number };
  /** How long a timeout fault hangs before it fails like NodeHttpHandler's requestTimeout. Default 1,000 ms (the client's requestTimeout under chaos). */
  chaosTimeoutMs?: number;
}

/** The replay document, plus what the DynamoDB side saw (kept out of the `--json` document). */
export interface DynamoDbReplayResult extends ReplayResult {
  /** HTTP requests sent, per DynamoDB operation, SDK retries included. */
  requests: Record<string, number>;
  chaos?: ChaosCounters;
  endpoint: string;
  tableName: string;
}

/**
 * Delivers every input through the event-source emulator into the
 * DynamoDB store (creating the table when missing), then reads the final
 * state back from the table: the same document as the in-memory replay.
 */
export const replayIntoDynamoDb = async (inputs: readonly Input[], options: DynamoDbReplayOptions): Promise<DynamoDbReplayResult> => {
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const timeoutMs = options.chaosTimeoutMs ?? 1_000;
  const local = await openEndpoint(options.endpoint);
  const faulty = createLocalClients({
    endpoint: local.endpoint,
    chaos: options.chaos === undefined ? undefined : { ...options.chaos, timeoutMs },
    // A timeout fault hangs `timeoutMs`; real requests keep at least a second before NodeHttpHandler warns.
    requestTimeoutMs: options.chaos === undefined ? undefined : Math.max(timeoutMs, 1_000),
  });
  const clean = createLocalClients({ endpoint: local.endpoint });
  try {
    await ensureUserLimitsTable(clean.client, tableName);
    const store = new DynamoDbUserLimitStore({ client: faulty.documentClient, tableName });
    const emulator = new EventSourceEmulator({
      store,
      logger: options.logger,
      metrics: options.metrics,
      timeStore: true,
      batchSize: options.batchSize,
      maxRetries: options.maxRetries,
    });
    for (const input of inputs) {
      if (input.kind === 'kinesis-event') await emulator.deliverBatch(input.records);
      else await emulator.deliver(input.records);
    }
    return {
      userLimits: sortUserLimits(await readAllUserLimits(clean.documentClient, tableName)),
      summary: emulator.summary(),
      requests: faulty.requests.byOperation(),
      chaos: faulty.chaos?.counters(),
      endpoint: local.endpoint,
      tableName,
    };
  } finally {
    faulty.destroy();
    clean.destroy();
    await local.stop();
  }
};

/** One line on what the chaos layer did, e.g. `chaos: 9 of 41 requests failed (throttling 3, server-error 2, …)`. */
export const describeChaos = (counters: ChaosCounters): string =>
  `chaos: ${FAULT_KINDS.reduce((sum, kind) => sum + counters.faults[kind], 0)} of ${counters.requests} requests failed (` +
  FAULT_KINDS.map((kind) => `${kind} ${counters.faults[kind]}`).join(', ') +
  ')';

/**
 * The replay on the chosen store: in memory (as before), or DynamoDB. The
 * `--json` document is the same for both; what only DynamoDB has (requests,
 * chaos counters) comes beside it.
 */
export const replayWithStore = async (
  inputs: readonly Input[],
  options: { store: 'memory' | 'dynamodb'; logger: Logger; metrics?: Metrics; batchSize?: number; maxRetries?: number } & Omit<
    DynamoDbReplayOptions,
    'logger' | 'metrics' | 'batchSize' | 'maxRetries'
  >,
): Promise<ReplayResult & Partial<DynamoDbReplayResult>> =>
  options.store === 'dynamodb' ? replayIntoDynamoDb(inputs, options) : replayInputs(inputs, options);
