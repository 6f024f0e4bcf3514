import { DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { createUserLimitsTable } from '../../lambda/store/dynamodb/create-table';
import { fromLimitItem, LIMIT_SORT_KEY_PREFIX, SORT_KEY } from '../../lambda/store/dynamodb/table-design';
import { startDynalite } from './dynalite-server';

/** The table name every local tool uses unless told otherwise. */
export const LOCAL_TABLE_NAME = 'user-limits';

/** A DynamoDB endpoint to use: the given one, or an embedded dynalite started for the run. */
export interface LocalEndpoint {
  endpoint: string;
  /** Stops the embedded dynalite; nothing for an endpoint that was given. */
  stop(): Promise<void>;
}

/** The endpoint given, or a fresh in-memory dynalite on a free loopback port. */
export const openEndpoint = async (endpoint?: string): Promise<LocalEndpoint> => {
  if (endpoint !== undefined) return { endpoint, stop: async () => undefined };
  const dynalite = await startDynalite();
  return { endpoint: dynalite.endpoint, stop: () => dynalite.stop() };
};

/** Creates the user-limits table unless a table of that name exists already. */
export const ensureUserLimitsTable = async (client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> => {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await createUserLimitsTable(client, tableName);
  return 'created';
};

/**
 * Every user limit in the table (a consistent Scan, page by page; the
 * watermark items are skipped): the state a tool prints and compares.
 */
export const readAllUserLimits = async (documentClient: DynamoDBDocumentClient, tableName: string): Promise<UserLimit[]> => {
  const limits: UserLimit[] = [];
  for await (const page of paginateScan({ client: documentClient }, { TableName: tableName, ConsistentRead: true })) {
    for (const item of page.Items ?? []) {
      const sortKey: unknown = item[SORT_KEY];
      if (typeof sortKey === 'string' && sortKey.startsWith(LIMIT_SORT_KEY_PREFIX)) limits.push(fromLimitItem(item));
    }
  }
  return limits;
};
