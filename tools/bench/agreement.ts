import type { KinesisStreamEvent } from 'aws-lambda';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { sortUserLimits } from '../replay-inputs';
import { createStderrLogger } from '../stderr-logger';
import { createPowertoolsReference } from './powertools-reference';
import { lambdaContext, loadFreshBundle } from './variants';
import { withQuietStdio } from './quiet-stdio';

/** The limits the Powertools reference ends with after one batch on an empty store. */
export const referenceFinalState = async (event: KinesisStreamEvent): Promise<UserLimit[]> => {
  const store = new InMemoryUserLimitStore();
  const response = await createPowertoolsReference(store, createStderrLogger('INFO'))(event);
  if (response.batchItemFailures.length > 0) throw new Error('the Powertools reference failed records of the bench workload');
  return sortUserLimits(store.snapshot());
};

/** The limits a fresh copy of the production bundle ends with after one batch. */
export const bundleFinalState = async (bundlePath: string, event: KinesisStreamEvent): Promise<UserLimit[]> => {
  const { handler, store } = loadFreshBundle(bundlePath);
  const response = await handler(event, lambdaContext());
  if (response.batchItemFailures.length > 0) throw new Error('the handler failed records of the bench workload');
  return sortUserLimits(store.snapshot());
};

/**
 * Refuses to time variants that do not do the same work: the bundle and the
 * reference must end in the same limits, field for field.
 */
export const assertVariantsAgree = async (bundlePath: string, event: KinesisStreamEvent): Promise<number> => {
  const [fromBundle, fromReference] = await withQuietStdio(async () => [
    await bundleFinalState(bundlePath, event),
    await referenceFinalState(event),
  ]);
  if (JSON.stringify(fromBundle) !== JSON.stringify(fromReference)) {
    const index = fromBundle.findIndex((limit, at) => JSON.stringify(limit) !== JSON.stringify(fromReference[at]));
    throw new Error(`handler and Powertools reference disagree (first difference at limit #${index} of ${fromBundle.length})`);
  }
  return fromBundle.length;
};
