import { createLogger } from '../logger';
import { createMetrics } from '../metrics';
import { createDocumentClient } from '../store/dynamodb/document-client';
import { TABLE_NAME_ENV } from '../store/dynamodb/table-design';
import { createReadApiHandler } from './create-read-api-handler';
import { nextTokenKeySource } from './next-token-key';
import { createSecretsManagerFetch } from './secrets-manager-secret';

/** Used when POWERTOOLS_SERVICE_NAME is not set (local runs); the stack sets it. */
export const READ_API_SERVICE_NAME = 'user-limits-read-api';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || READ_API_SERVICE_NAME;
const logger = createLogger(READ_API_SERVICE_NAME);

const tableName = process.env[TABLE_NAME_ENV];
if (tableName === undefined || tableName.length === 0) {
  // Fail the cold start: a function without its table cannot answer anything.
  throw new Error(`${TABLE_NAME_ENV} is not set`);
}

/**
 * The Lambda entry point for `GET /user-limits/{userId}` behind an HTTP API
 * with a JWT authorizer. Client and key source are made once per container;
 * the key itself is read from Secrets Manager on first use (next-token-key.ts).
 */
export const handler = createReadApiHandler({
  client: createDocumentClient({ tableName }),
  tableName,
  nextTokenKey: nextTokenKeySource({ environment: process.env, logger, fetchSecret: createSecretsManagerFetch() }),
  logger,
  metrics: createMetrics(serviceName, logger),
});
