// INTERIM (until the DynamoDB store and the read-API Lambda land on main): an
// in-memory store and a minimal read handler with the same seams. This file
// is the one place the dev stack names the concrete store and read API.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InMemoryUserLimitStore } from '../../lambda/store/in-memory-store';
import type { UserLimitStore } from '../../lambda/store/user-limit-store';
import type { ReadApiLambda } from './read-api-route';

const shared = new InMemoryUserLimitStore();

export const createTable = async (_client: DynamoDBClient, _tableName: string): Promise<void> => undefined;

export const createStore = (_client: DynamoDBDocumentClient, _tableName: string): UserLimitStore => shared;

export const createReadApi = (_options: { client: DynamoDBDocumentClient; tableName: string; nextTokenKey: Buffer; logger: Logger }): ReadApiLambda =>
  async (event) => {
    const userId = event.pathParameters?.userId ?? '';
    const claims = event.requestContext.authorizer.jwt.claims;
    if (claims.sub !== userId && !String(claims.scope ?? '').split(' ').includes('user-limits/read-any')) {
      return { statusCode: 403, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: '{"message":"Forbidden"}' };
    }
    const userLimits = (await shared.listByUser(userId)).sort((a, b) => (a.userLimitId < b.userLimitId ? -1 : 1));
    return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify({ userLimits }) };
  };
