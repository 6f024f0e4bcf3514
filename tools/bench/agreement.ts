import type { UserLimit } from '../../lambda/domain/user-limit';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import { sortUserLimits } from '../replay-inputs';
import { createStderrLogger } from '../stderr-logger';
import type { BenchWorkload } from './bench-workload';
import { createPowertoolsPlainReference, createPowertoolsReference } from './powertools-reference';
import { withQuietStdio } from './quiet-stdio';
import { expectNoFailures, lambdaContext, loadFreshBundle } from './variants';

/** The Powertools references, by the name of their figure. */
export const REFERENCES = { powertools: createPowertoolsReference, powertoolsPlain: createPowertoolsPlainReference };

/** The limits a Powertools reference ends with after the workload's history and batch, from an empty store. */
export const referenceFinalState = async (name: keyof typeof REFERENCES, workload: BenchWorkload): Promise<UserLimit[]> => {
  const store = new InMemoryUserLimitStore();
  const reference = REFERENCES[name](store, createStderrLogger('INFO'));
  for (const event of [workload.history, workload.batch]) expectNoFailures(name, await reference(event, lambdaContext()));
  return sortUserLimits(store.snapshot());
};

/** The limits a fresh copy of the production bundle ends with after the workload's history and batch. */
export const bundleFinalState = async (bundlePath: string, workload: BenchWorkload): Promise<UserLimit[]> => {
  const { handler, store } = loadFreshBundle(bundlePath);
  for (const event of [workload.history, workload.batch]) expectNoFailures('the handler', await handler(event, lambdaContext()));
  return sortUserLimits(store.snapshot());
};

/**
 * Refuses to time variants that do not do the same work: the bundle and
 * both references must end in the same limits, field for field. Returns
 * the number of limits compared.
 */
export const assertVariantsAgree = async (bundlePath: string, workload: BenchWorkload): Promise<number> => {
  const fromBundle = await withQuietStdio(() => bundleFinalState(bundlePath, workload));
  for (const name of Object.keys(REFERENCES) as (keyof typeof REFERENCES)[]) {
    const fromReference = await withQuietStdio(() => referenceFinalState(name, workload));
    if (JSON.stringify(fromBundle) !== JSON.stringify(fromReference)) {
      const index = fromBundle.findIndex((limit, at) => JSON.stringify(limit) !== JSON.stringify(fromReference[at]));
      throw new Error(`handler and ${name} reference disagree (first difference at limit #${index} of ${fromBundle.length})`);
    }
  }
  return fromBundle.length;
};
