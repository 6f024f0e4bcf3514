import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { UserLimit } from '../../../lambda/domain/user-limit';
import { createDocumentClient } from '../../../lambda/store/dynamodb/document-client';
import {
  PARTITION_KEY,
  SORT_KEY,
  toLimitItem,
  WATERMARK_SEQUENCE_NUMBER,
  watermarkItemKey,
} from '../../../lambda/store/dynamodb/table-design';
import { type RunningDynalite, startDynalite } from '../../../tools/local/dynalite-server';

/** A dynalite with one user-limits table, and a DocumentClient on it. */
export interface LocalTable {
  dynalite: RunningDynalite;
  client: DynamoDBDocumentClient;
  tableName: string;
  stop(): Promise<void>;
}

/** The table's key schema as the stack declares it: userId (S) + sk (S). */
const createTable = async (endpoint: string, tableName: string): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler(),
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: PARTITION_KEY, AttributeType: 'S' },
          { AttributeName: SORT_KEY, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
          { AttributeName: SORT_KEY, KeyType: 'RANGE' },
        ],
      }),
    );
  } finally {
    client.destroy();
  }
};

/** Starts dynalite on a free port and creates the table. */
export const startLocalTable = async (tableName = 'user-limits'): Promise<LocalTable> => {
  const dynalite = await startDynalite();
  await createTable(dynalite.endpoint, tableName);
  const client = createDocumentClient({ tableName, endpoint: dynalite.endpoint, region: 'eu-west-1' });
  return {
    dynalite,
    client,
    tableName,
    stop: async () => {
      client.destroy();
      await dynalite.stop();
    },
  };
};

/**
 * Writes limits as the processor's store does (toLimitItem), plus each
 * user's watermark item, 25 items per BatchWrite.
 */
export const putLimits = async (table: LocalTable, limits: readonly UserLimit[], watermark = 42): Promise<void> => {
  const items: Array<Record<string, unknown>> = limits.map((limit) => toLimitItem(limit, watermark));
  for (const userId of new Set(limits.map((limit) => limit.userId))) {
    items.push({ ...watermarkItemKey(userId), [WATERMARK_SEQUENCE_NUMBER]: watermark });
  }
  for (let start = 0; start < items.length; start += 25) {
    await table.client.send(
      new BatchWriteCommand({
        RequestItems: { [table.tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
};
