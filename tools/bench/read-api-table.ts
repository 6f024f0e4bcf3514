import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { createLocalTable, seedLimits } from '../local/seed-table';

/** Creates the user-limits table on a local endpoint. */
export const createBenchTable = createLocalTable;

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
  const limits = userIds.flatMap((userId) => Array.from({ length: limitsPerUser }, (_, index) => benchLimit(userId, index)));
  await seedLimits(client, tableName, limits, 1000 + limitsPerUser);
};
