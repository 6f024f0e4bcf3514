import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { UserLimit } from '../../lambda/domain/user-limit';
import {
  PARTITION_KEY,
  SORT_KEY,
  toLimitItem,
  WATERMARK_SEQUENCE_NUMBER,
  watermarkItemKey,
} from '../../lambda/store/dynamodb/table-design';

/** Creates the user-limits table (userId S + sk S, on demand) on a local endpoint. */
export const createBenchTable = async (endpoint: string, tableName: string): Promise<void> => {
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

/** A realistic limit: every field set, amounts as the producer writes them. */
export const benchLimit = (userId: string, index: number): UserLimit => ({
  userLimitId: `6b1f0c2e-9d4a-4f7e-8a61-${String(index).padStart(12, '0')}`,
  userId,
  brandId: 'brand-se-01',
  type: (['DEPOSIT', 'LOSS', 'BET', 'SESSION', 'BALANCE'] as const)[index % 5]!,
  period: (['CALENDAR_DAY', 'CALENDAR_WEEK', 'CALENDAR_MONTH', 'DAY', 'WEEK'] as const)[index % 5]!,
  status: 'ACTIVE',
  value: '10000',
  progress: '9800.50',
  currencyCode: 'SEK',
  activeFrom: 1_700_000_000_000,
  activeUntil: 1_800_000_000_000,
  nextResetTime: 1_767_225_600_000,
  previousLimitValue: '5000',
  createdAt: 1_700_000_000_123,
});

/** Writes `limitsPerUser` limits and a watermark item for each user, as the processor's store does. */
export const seedBenchTable = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  userIds: readonly string[],
  limitsPerUser: number,
): Promise<void> => {
  const items: Array<Record<string, unknown>> = [];
  for (const userId of userIds) {
    for (let index = 0; index < limitsPerUser; index += 1) items.push(toLimitItem(benchLimit(userId, index), 1000 + index));
    items.push({ ...watermarkItemKey(userId), [WATERMARK_SEQUENCE_NUMBER]: 1000 + limitsPerUser });
  }
  for (let start = 0; start < items.length; start += 25) {
    await client.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
};
