import { DynamoDbUserLimitStore } from '../../lambda/store/dynamodb/dynamodb-store';
import type { OutcomeCounts } from '../../lambda/processor/pipeline/outcome';
import { EventSourceEmulator } from '../event-source-emulator';
import { createLocalClients } from '../local/dynamodb-clients';
import { startDynaliteProcess } from '../local/dynalite-process';
import { ensureUserLimitsTable } from '../local/local-table';
import { createLoggerTo } from '../stderr-logger';
import { countDistinctItems, countNaiveRequests } from './store-naive-requests';
import { median, round } from './statistics';
import { storeBenchWorkload } from './store-workload';

export interface StoreBenchOptions {
  /** Records in the timed batch. Default 10,000. */
  records: number;
  /** Added to every DynamoDB request, in ms. Default 5. */
  latencyMs: number;
  /** Rounds, each on a fresh table: warm-up, then the timed batch. */
  rounds: number;
  users: number;
  /** Records replayed before the batch, untimed. */
  warmUpRecords: number;
  /** Passed to the store when set. */
  concurrency?: number;
  /** One line per step, for a person watching. */
  progress?: (line: string) => void;
}

/** One timed batch. */
export interface StoreBenchRound {
  seconds: number;
  /** CPU time of this process (handler, store, SDK; dynalite runs in another) during the batch. */
  cpuSeconds: number;
  requests: number;
  byOperation: Record<string, number>;
}

export interface StoreBenchResult {
  records: number;
  latencyMs: number;
  /** Median over the rounds. */
  seconds: number;
  recordsPerSecond: number;
  /** Median requests per batch (retries included; with no faults there are none). */
  requests: number;
  distinctItems: number;
  naiveRequests: number;
  rounds: StoreBenchRound[];
  summary: OutcomeCounts;
}

const SILENT = createLoggerTo(process.stderr, 'SILENT');

/**
 * Per round: a fresh table on an embedded dynalite, the warm-up stream
 * replayed without latency, then the batch delivered as ONE invocation of
 * the real handler on the DynamoDB store, every request delayed by
 * `latencyMs` and counted.
 */
export const runStoreBench = async (options: StoreBenchOptions): Promise<StoreBenchResult> => {
  const say = options.progress ?? (() => undefined);
  const { warmUp, batch } = storeBenchWorkload(options);
  const distinctItems = countDistinctItems(batch);
  const naiveRequests = await countNaiveRequests(warmUp, batch);
  const local = await startDynaliteProcess();
  const rounds: StoreBenchRound[] = [];
  let summary: OutcomeCounts | undefined;
  try {
    for (let round = 1; round <= options.rounds; round += 1) {
      const tableName = `bench-store-${round}`;
      const plain = createLocalClients({ endpoint: local.endpoint });
      const slow = createLocalClients({ endpoint: local.endpoint, latencyMs: options.latencyMs });
      try {
        await ensureUserLimitsTable(plain.client, tableName);
        const storeOptions = { tableName, concurrency: options.concurrency };
        const warm = new EventSourceEmulator({
          store: new DynamoDbUserLimitStore({ client: plain.documentClient, ...storeOptions }),
          logger: SILENT,
          batchSize: 1000,
          maxRetries: 0,
        });
        await warm.deliver(warmUp);
        if (warm.summary().failed > 0) throw new Error(`warm-up: ${warm.summary().failed} records failed`);
        const timed = new EventSourceEmulator({
          store: new DynamoDbUserLimitStore({ client: slow.documentClient, ...storeOptions }),
          logger: SILENT,
          batchSize: batch.length,
          maxRetries: 0,
        });
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        await timed.deliverBatch(batch);
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        summary = timed.summary();
        if (summary.failed > 0) throw new Error(`the timed batch had ${summary.failed} failed records`);
        rounds.push({ seconds, cpuSeconds, requests: slow.requests.total(), byOperation: slow.requests.byOperation() });
        say(`round ${round}/${options.rounds}: ${(batch.length / seconds).toFixed(0)} records/s, ${slow.requests.total()} requests`);
      } finally {
        plain.destroy();
        slow.destroy();
      }
    }
  } finally {
    await local.stop();
  }
  const seconds = median(rounds.map((entry) => entry.seconds));
  return {
    records: batch.length,
    latencyMs: options.latencyMs,
    seconds: round(seconds, 3),
    recordsPerSecond: Math.round(batch.length / seconds),
    requests: median(rounds.map((entry) => entry.requests)),
    distinctItems,
    naiveRequests,
    rounds,
    summary: summary!,
  };
};
