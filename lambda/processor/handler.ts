import { createHandler } from './create-handler';
import { createLogger } from '../logger';
import { InMemoryUserLimitStore } from '../store/in-memory-store';

/**
 * Created once per container: warm invocations share it. State is per
 * container and lost on cold start (see README, "Known limits").
 */
export const store = new InMemoryUserLimitStore();

/** The Lambda entry point: a Kinesis batch in, partial batch failures out. */
export const handler = createHandler({ store, logger: createLogger() });
