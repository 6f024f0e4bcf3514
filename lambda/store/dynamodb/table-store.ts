import { createDocumentClient } from './document-client';
import { DynamoDbUserLimitStore } from './dynamodb-store';

/**
 * The DynamoDB store on `tableName`, with the SDK's defaults for Lambda
 * (region and credentials from the environment, standard retries).
 */
export const createTableStore = (tableName: string): DynamoDbUserLimitStore =>
  new DynamoDbUserLimitStore({ client: createDocumentClient({ tableName }), tableName });
