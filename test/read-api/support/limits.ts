import type { UserLimit } from '../../../lambda/domain/user-limit';

/** A limit with every optional field set, as the projection would hold it. */
export const fullLimit = (userId: string, userLimitId: string, overrides: Partial<UserLimit> = {}): UserLimit => ({
  userLimitId,
  userId,
  brandId: 'brand-7',
  type: 'DEPOSIT',
  period: 'CALENDAR_MONTH',
  status: 'ACTIVE',
  value: '10000',
  progress: '9800.50',
  currencyCode: 'SEK',
  activeFrom: 1_700_000_000_000,
  activeUntil: 1_800_000_000_000,
  nextResetTime: 1_767_225_600_000,
  previousLimitValue: '5000',
  createdAt: 1_700_000_000_123,
  ...overrides,
});

/** A limit with only the required fields (and progress "0", as a fresh CREATED leaves it). */
export const minimalLimit = (userId: string, userLimitId: string): UserLimit => ({
  userLimitId,
  userId,
  brandId: 'brand-7',
  type: 'LOSS',
  period: 'DAY',
  status: 'FUTURE',
  value: '200',
  progress: '0',
  currencyCode: 'EUR',
  activeFrom: 1_700_000_000_000,
});

/** `count` limits of `userId` with ids limit-000, limit-001, …, in id order. */
export const limitsOf = (userId: string, count: number): UserLimit[] =>
  Array.from({ length: count }, (_, index) => fullLimit(userId, `limit-${String(index).padStart(3, '0')}`, { value: `${100 + index}` }));
