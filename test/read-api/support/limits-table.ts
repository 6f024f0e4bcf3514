import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserLimit } from '../../../lambda/domain/user-limit';
import { createDocumentClient } from '../../../lambda/store/dynamodb/document-client';
import { type RunningDynalite, startDynalite } from '../../../tools/local/dynalite-server';
import { createLocalTable, seedLimits } from '../../../tools/local/seed-table';

/** A dynalite with one user-limits table, and a DocumentClient on it. */
export interface LocalTable {
  dynalite: RunningDynalite;
  client: DynamoDBDocumentClient;
  tableName: string;
  stop(): Promise<void>;
}

/** Starts dynalite on a free port and creates the table. */
export const startLocalTable = async (tableName = 'user-limits'): Promise<LocalTable> => {
  const dynalite = await startDynalite();
  await createLocalTable(dynalite.endpoint, tableName);
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

/** Writes limits as the processor's store does, plus each user's watermark item, all at `watermark`. */
export const putLimits = (table: LocalTable, limits: readonly UserLimit[], watermark = 42): Promise<void> =>
  seedLimits(table.client, table.tableName, limits, watermark);
