import type { UserLimit } from '../../lambda/domain/user-limit';
import { countMismatches, sameCounts, sumCounts } from '../../tools/kinesis/compare';

const limit = (userLimitId: string, overrides: Partial<UserLimit> = {}): UserLimit => ({
  userLimitId,
  userId: 'u1',
  brandId: 'b1',
  type: 'DEPOSIT',
  period: 'DAY',
  status: 'ACTIVE',
  value: '100',
  progress: '0',
  currencyCode: 'SEK',
  activeFrom: 1,
  ...overrides,
});

describe('countMismatches', () => {
  it('is 0 for the same limits, whatever the order of limits or of their keys', () => {
    const reordered = Object.fromEntries(Object.entries(limit('a')).reverse()) as unknown as UserLimit;
    expect(countMismatches([limit('a'), limit('b')], [limit('b'), reordered])).toBe(0);
  });

  it('counts a limit with any field different, or present on one side only', () => {
    expect(countMismatches([limit('a', { progress: '10.5' })], [limit('a', { progress: '10.50' })])).toBe(1);
    expect(countMismatches([limit('a', { nextResetTime: 5 })], [limit('a')])).toBe(1);
    expect(countMismatches([limit('a'), limit('b')], [limit('a'), limit('c')])).toBe(2);
  });
});

describe('sumCounts / sameCounts', () => {
  it('adds per-shard counters and compares every field', () => {
    const one = { records: 3, applied: 1, duplicates: 1, ignored: 0, orphaned: 0, rejected: 1, failed: 0 };
    const two = { records: 2, applied: 0, duplicates: 0, ignored: 1, orphaned: 1, rejected: 0, failed: 0 };
    const total = sumCounts([one, two]);
    expect(total).toEqual({ records: 5, applied: 1, duplicates: 1, ignored: 1, orphaned: 1, rejected: 1, failed: 0 });
    expect(sameCounts(total, { ...total })).toBe(true);
    expect(sameCounts(total, { ...total, orphaned: 0, rejected: 2 })).toBe(false);
  });
});
