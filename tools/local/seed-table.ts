import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { createUserLimitsTable } from '../../lambda/store/dynamodb/create-table';
import { toLimitItem, WATERMARK_SEQUENCE_NUMBER, watermarkItemKey } from '../../lambda/store/dynamodb/table-design';

/** BatchWriteItem's most items per request. */
const BATCH_WRITE_MAX_ITEMS = 25;

/** Creates the user-limits table on a local endpoint (dummy credentials, HTTP/1.1), as the stack defines its keys. */
export const createLocalTable = async (endpoint: string, tableName: string): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler(),
  });
  try {
    await createUserLimitsTable(client, tableName);
  } finally {
    client.destroy();
  }
};

/**
 * Writes limits as the processor's store does (`toLimitItem`, every item at
 * `sequenceNumber`) and a watermark item at `sequenceNumber` for each of their
 * users, 25 items a request. For seeding tests and benchmarks, not for the
 * processor: these writes are not conditional.
 */
export const seedLimits = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  limits: readonly UserLimit[],
  sequenceNumber: number,
): Promise<void> => {
  const items: Array<Record<string, unknown>> = limits.map((limit) => toLimitItem(limit, sequenceNumber));
  for (const userId of new Set(limits.map((limit) => limit.userId))) {
    items.push({ ...watermarkItemKey(userId), [WATERMARK_SEQUENCE_NUMBER]: sequenceNumber });
  }
  for (let start = 0; start < items.length; start += BATCH_WRITE_MAX_ITEMS) {
    const page = items.slice(start, start + BATCH_WRITE_MAX_ITEMS);
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: page.map((Item) => ({ PutRequest: { Item } })) } }));
  }
};
