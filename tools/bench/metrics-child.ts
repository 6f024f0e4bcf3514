import { createLogger } from '../../lambda/logger';
import { createMetrics } from '../../lambda/metrics';
import { batchAgeMs } from '../../lambda/processor/batch-age';
import { publishBatchMetrics } from '../../lambda/processor/batch-metrics';
import type { BatchSummary } from '../../lambda/processor/batch-summary';
import { benchWorkload } from './bench-workload';
import { serveParent } from './child-process';

/** Repetitions per answer: one publish takes tens of microseconds, below a single timer reading's noise. */
const REPETITIONS = 200;

/**
 * The metrics process (started by metrics-cost.ts): the handler's whole
 * per-invocation metrics work for the bench batch — the scan for the oldest
 * arrival timestamp and one EMF blob written to a real file descriptor (its
 * stdout is the child's log file) — timed over {@link REPETITIONS} and
 * answered per batch, in ms. The summary has five-digit counts like a
 * 10,000-record batch's, so the blob is as long as the handler's.
 */
serveParent(
  async (argument) => {
    const { records, users } = argument as { records: number; users: number };
    const { batch } = benchWorkload({ records, users });
    const logger = createLogger();
    return { batch: batch.Records, metrics: createMetrics('user-limits-processor', logger), logger };
  },
  async ({ batch, metrics, logger }) => {
    const started = performance.now();
    for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
      const summary: BatchSummary = {
        records: batch.length,
        applied: 8_000 + repetition,
        duplicates: 0,
        ignored: 1_000,
        orphaned: 0,
        rejected: 0,
        failed: 0,
        progressGaps: 0,
        batchAgeMs: batchAgeMs(batch, Date.now()),
      };
      publishBatchMetrics(metrics, summary, logger);
    }
    return (performance.now() - started) / REPETITIONS;
  },
);
