/** Domain events for tests, shaped like the recorded stream. */

const USER = 'user-1';
const base = (type: string, sequenceNumber: number, payload: Record<string, unknown>, aggregateId = USER) => ({
  aggregateId,
  context: { correlationId: `corr-${sequenceNumber}` },
  createdAt: 1_647_946_090_000 + sequenceNumber,
  eventId: `event-${aggregateId}-${sequenceNumber}`,
  payload,
  sequenceNumber,
  source: 'limitUser',
  type,
});

export const created = (sequenceNumber: number, overrides: Record<string, unknown> = {}, aggregateId = USER) =>
  base(
    'USER_LIMIT_CREATED',
    sequenceNumber,
    {
      activeFrom: 1_647_946_090_592,
      brandId: '000000000000000000000001',
      currencyCode: 'SEK',
      nextResetTime: 1_648_032_490_592,
      period: 'DAY',
      status: 'ACTIVE',
      type: 'DEPOSIT',
      userId: aggregateId,
      userLimitId: 'limit-1',
      value: '10000',
      ...overrides,
    },
    aggregateId,
  );

export const progressChanged = (
  sequenceNumber: number,
  previousProgress: string,
  amount: string,
  overrides: Record<string, unknown> = {},
  aggregateId = USER,
) =>
  base(
    'USER_LIMIT_PROGRESS_CHANGED',
    sequenceNumber,
    {
      amount,
      brandId: '000000000000000000000001',
      currencyCode: 'SEK',
      nextResetTime: 1_648_032_490_592,
      previousProgress,
      remainingAmount: '0',
      userId: aggregateId,
      userLimitId: 'limit-1',
      ...overrides,
    },
    aggregateId,
  );

export const reset = (sequenceNumber: number, overrides: Record<string, unknown> = {}, aggregateId = USER) =>
  base(
    'USER_LIMIT_RESET',
    sequenceNumber,
    {
      brandId: '000000000000000000000001',
      currencyCode: 'SEK',
      nextResetTime: 1_650_710_890_592,
      period: 'DAY',
      resetAmount: '0',
      type: 'DEPOSIT',
      unusedAmount: '10000.00',
      userId: aggregateId,
      userLimitId: 'limit-1',
      ...overrides,
    },
    aggregateId,
  );

export const unrelated = (sequenceNumber: number, aggregateId = USER) =>
  base('LIMIT_USER_CREATED', sequenceNumber, { userId: aggregateId }, aggregateId);
