import { InMemoryUserLimitStore } from '../store/in-memory-store';
import type { UserLimitStore } from '../store/user-limit-store';
import { createLogger, DEFAULT_SERVICE_NAME } from '../logger';
import { createMetrics } from '../metrics';
import { createHandler } from './create-handler';

/**
 * With `USER_LIMITS_TABLE` set (the stack's `-c store=dynamodb`), the durable
 * DynamoDB store; without it, the embedded in-memory store, whose state is
 * per container and lost on cold start (README, "Known limits").
 */
const selectStore = (tableName: string | undefined): UserLimitStore => {
  if (!tableName) return new InMemoryUserLimitStore();
  // Required only when selected, so the in-memory default never loads the AWS SDK (cold start).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynamodb = require('../store/dynamodb/table-store') as typeof import('../store/dynamodb/table-store');
  return dynamodb.createTableStore(tableName);
};

/** Created once per container: warm invocations share it. */
export const store = selectStore(process.env.USER_LIMITS_TABLE);

const logger = createLogger();

/**
 * The Lambda entry point: a Kinesis batch in, partial batch failures out; one
 * EMF blob per invocation on stdout, with StoreMs when the store is DynamoDB.
 */
export const handler = createHandler({
  store,
  logger,
  metrics: createMetrics(process.env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME, logger),
  timeStore: Boolean(process.env.USER_LIMITS_TABLE),
});
