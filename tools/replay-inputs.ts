import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { UserLimit } from '../lambda/domain/user-limit';
import type { OutcomeCounts } from '../lambda/processor/pipeline/outcome';
import { InMemoryUserLimitStore } from '../lambda/store/in-memory-store';
import { EventSourceEmulator } from './event-source-emulator';
import type { Input } from './input-files';

/** The replay CLI's `--json` document. */
export interface ReplayResult {
  userLimits: UserLimit[];
  summary: OutcomeCounts;
}

/** Sorted by userId, then userLimitId: the order every tool prints and compares in. */
export const sortUserLimits = (limits: UserLimit[]): UserLimit[] =>
  limits.sort((a, b) => (a.userId === b.userId ? compareStrings(a.userLimitId, b.userLimitId) : compareStrings(a.userId, b.userId)));

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Delivers every input through the event-source emulator into a fresh store:
 * domain events in batches of `batchSize`, Lambda events as they are.
 */
export const replayInputs = async (
  inputs: readonly Input[],
  options: { batchSize?: number; maxRetries?: number; logger: Logger; metrics?: Metrics },
): Promise<ReplayResult> => {
  const store = new InMemoryUserLimitStore();
  const emulator = new EventSourceEmulator({
    store,
    logger: options.logger,
    metrics: options.metrics,
    batchSize: options.batchSize,
    maxRetries: options.maxRetries,
  });
  for (const input of inputs) {
    if (input.kind === 'kinesis-event') await emulator.deliverBatch(input.records);
    else await emulator.deliver(input.records);
  }
  return { userLimits: sortUserLimits(store.snapshot()), summary: emulator.summary() };
};
