import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient } from '../store/dynamodb/document-client';
import { createReadApiHandler } from './create-read-api-handler';
import { nextTokenKeyFromEnvironment } from './next-token-key';

/** Used when POWERTOOLS_SERVICE_NAME is not set (local runs); the stack sets it. */
export const READ_API_SERVICE_NAME = 'user-limits-read-api';

/** The environment variable naming the user-limits table. */
export const TABLE_NAME_VARIABLE = 'TABLE_NAME';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || READ_API_SERVICE_NAME });

const tableName = process.env[TABLE_NAME_VARIABLE];
if (tableName === undefined || tableName.length === 0) {
  // Fail the cold start: a function without its table cannot answer anything.
  throw new Error(`${TABLE_NAME_VARIABLE} is not set`);
}

/**
 * The Lambda entry point for `GET /user-limits/{userId}` behind an HTTP API
 * with a JWT authorizer. Client and key are made once per container.
 */
export const handler = createReadApiHandler({
  client: createDocumentClient({ tableName }),
  tableName,
  nextTokenKey: nextTokenKeyFromEnvironment(process.env, logger),
  logger,
});
