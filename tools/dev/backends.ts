// INTERIM (until the lead's DynamoDB store lands on main): the processor keeps
// its state in the in-memory store and mirrors every committed limit into the
// table, so that the real read API reads it from DynamoDB. This file is the
// one place the dev stack names the concrete store, table and read API.
import type { Logger } from '@aws-lambda-powertools/logger';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createReadApiHandler } from '../../lambda/read-api/create-read-api-handler';
import { PARTITION_KEY, SORT_KEY, toLimitItem } from '../../lambda/store/dynamodb/table-design';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import type { ReadApiLambda } from './read-api-route';

export const createTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [
        { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
        { AttributeName: SORT_KEY, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: PARTITION_KEY, AttributeType: 'S' },
        { AttributeName: SORT_KEY, AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
};

export const createStore = (client: DynamoDBDocumentClient, tableName: string): UserLimitStore => {
  const memory = new InMemoryUserLimitStore();
  return {
    load: (request) => memory.load(request),
    unstorableReason: () => memory.unstorableReason(),
    commit: async (changes) => {
      const result = await memory.commit(changes);
      for (const stored of changes.limits) {
        await client.send(new PutCommand({ TableName: tableName, Item: toLimitItem(stored.limit, stored.lastSequenceNumber) }));
      }
      return result;
    },
  };
};

export const createReadApi = (options: { client: DynamoDBDocumentClient; tableName: string; nextTokenKey: Buffer; logger: Logger }): ReadApiLambda =>
  createReadApiHandler(options);
