import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { fixedNextTokenKey } from '../../lambda/read-api/next-token-key';
import { createUserLimitsTable } from '../../lambda/store/dynamodb/create-table';
import { DynamoDbUserLimitStore } from '../../lambda/store/dynamodb/dynamodb-store';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import type { ReadApiLambda } from './read-api-route';

/*
 * The one place the dev stack names the deployed code it runs: the table as
 * the stack defines it, the processor's DynamoDB store, the read-API Lambda.
 */

/** Creates the table (keys as the CDK stack defines them) on the local endpoint. */
export const createTable = (client: DynamoDBClient, tableName: string): Promise<void> => createUserLimitsTable(client, tableName);

/** The processor's store: the DynamoDB adapter the deployed function uses with `store=dynamodb`. */
export const createStore = (client: DynamoDBDocumentClient, tableName: string): UserLimitStore =>
  new DynamoDbUserLimitStore({ client, tableName });

/** The read-API Lambda's handler, built as its entry point builds it. */
export const createReadApi = (options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  nextTokenKey: Buffer;
  logger: Logger;
}): ReadApiLambda => createReadApiHandler({ ...options, nextTokenKey: fixedNextTokenKey(options.nextTokenKey) });
