import type { UserLimitCreatedPayload } from '../../lambda/domain/events';
import { applyCreated, applyProgressChanged, applyReset, isAlreadySeen } from '../../lambda/domain/rules';
import type { UserLimit } from '../../lambda/domain/user-limit';

const definition: UserLimitCreatedPayload = {
  userLimitId: 'limit-1',
  userId: 'user-1',
  brandId: 'brand-1',
  currencyCode: 'SEK',
  type: 'DEPOSIT',
  period: 'DAY',
  status: 'ACTIVE',
  value: '10000',
  activeFrom: 1000,
  nextResetTime: 5000,
};

const stored = (overrides: Partial<UserLimit> = {}): UserLimit => ({
  ...definition,
  progress: '0',
  createdAt: 900,
  ...overrides,
});

const appliedLimit = (result: ReturnType<typeof applyCreated>): UserLimit => {
  if (result.outcome !== 'applied') throw new Error(`expected applied, got ${result.outcome}`);
  return result.limit;
};

describe('rule 5: watermark', () => {
  it('sees nothing before the first event of an aggregate', () => {
    expect(isAlreadySeen(undefined, 0)).toBe(false);
  });
  it('treats an equal or lower sequence number as already seen', () => {
    expect(isAlreadySeen(7, 7)).toBe(true);
    expect(isAlreadySeen(7, 3)).toBe(true);
    expect(isAlreadySeen(7, 8)).toBe(false);
    expect(isAlreadySeen(12, 235)).toBe(false);
  });
});

describe('rule 6: USER_LIMIT_CREATED', () => {
  it('creates a limit with every payload field, envelope createdAt and progress "0"', () => {
    expect(appliedLimit(applyCreated(undefined, definition, { createdAt: 1234 }))).toEqual({
      ...definition,
      progress: '0',
      createdAt: 1234,
    });
  });

  it('keeps progress when the limit is re-created, replacing its definition', () => {
    const limit = appliedLimit(
      applyCreated(
        stored({ progress: '250.50', activeUntil: 99 }),
        { ...definition, value: '500', period: 'WEEK', nextResetTime: undefined },
        { createdAt: 2000 },
      ),
    );
    expect(limit.progress).toBe('250.50');
    expect(limit.value).toBe('500');
    expect(limit.period).toBe('WEEK');
    expect(limit.previousLimitValue).toBe('10000');
    expect(limit).not.toHaveProperty('activeUntil');
    expect(limit).not.toHaveProperty('nextResetTime');
  });

  it('does not touch the stored object', () => {
    const current = stored({ progress: '5' });
    applyCreated(current, definition, { createdAt: 1 });
    expect(current).toEqual(stored({ progress: '5' }));
  });
});

describe('rule 6: USER_LIMIT_PROGRESS_CHANGED', () => {
  it('sets progress to previousProgress + amount, exactly', () => {
    const result = applyProgressChanged(stored({ progress: '0.1' }), { userLimitId: 'limit-1', previousProgress: '0.1', amount: '0.2' });
    expect(result).toEqual({ outcome: 'applied', limit: stored({ progress: '0.3' }) });
  });

  it('is idempotent: it does not add to the stored progress', () => {
    const payload = { userLimitId: 'limit-1', previousProgress: '0', amount: '200' };
    const once = appliedLimit(applyProgressChanged(stored(), payload));
    const twice = appliedLimit(applyProgressChanged(once, payload));
    expect(twice.progress).toBe('200');
  });

  it('moves nextResetTime when present and keeps it when absent', () => {
    expect(
      appliedLimit(applyProgressChanged(stored(), { userLimitId: 'limit-1', previousProgress: '0', amount: '1', nextResetTime: 7 }))
        .nextResetTime,
    ).toBe(7);
    expect(appliedLimit(applyProgressChanged(stored(), { userLimitId: 'limit-1', previousProgress: '0', amount: '1' })).nextResetTime).toBe(
      5000,
    );
  });

  it('reports a gap when stored progress differs from previousProgress, and still applies', () => {
    expect(applyProgressChanged(stored({ progress: '100' }), { userLimitId: 'limit-1', previousProgress: '300', amount: '50' })).toEqual({
      outcome: 'applied',
      limit: stored({ progress: '350' }),
      progressGap: { storedProgress: '100', previousProgress: '300' },
    });
  });

  it('sees no gap between "0" and "0.00"', () => {
    expect(
      applyProgressChanged(stored({ progress: '0' }), { userLimitId: 'limit-1', previousProgress: '0.00', amount: '1' }),
    ).not.toHaveProperty('progressGap');
  });

  it('is orphaned when the limit is unknown', () => {
    expect(applyProgressChanged(undefined, { userLimitId: 'x', previousProgress: '0', amount: '1' })).toEqual({ outcome: 'orphaned' });
  });
});

describe('rule 6: USER_LIMIT_RESET', () => {
  it('sets progress to "0" and moves nextResetTime', () => {
    expect(applyReset(stored({ progress: '200.00' }), { userLimitId: 'limit-1', nextResetTime: 9000 })).toEqual({
      outcome: 'applied',
      limit: stored({ progress: '0', nextResetTime: 9000 }),
    });
  });

  it('keeps nextResetTime when the event has none', () => {
    expect(appliedLimit(applyReset(stored({ progress: '1' }), { userLimitId: 'limit-1' })).nextResetTime).toBe(5000);
  });

  it('is orphaned when the limit is unknown', () => {
    expect(applyReset(undefined, { userLimitId: 'x' })).toEqual({ outcome: 'orphaned' });
  });
});
