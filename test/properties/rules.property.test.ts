import fc from 'fast-check';
import { addDecimals } from '../../lambda/domain/decimal';
import { applyCreated, applyProgressChanged, applyReset } from '../../lambda/domain/rules';
import type { UserLimitCreatedPayload } from '../../lambda/domain/events';
import { LIMIT_PERIODS, LIMIT_STATUSES, LIMIT_TYPES, type UserLimit } from '../../lambda/domain/user-limit';
import { PROPERTY_RUNS } from '../support/limit-streams';

const decimal = fc
  .tuple(fc.stringMatching(/^[0-9]{1,25}$/), fc.option(fc.stringMatching(/^[0-9]{1,12}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });

const createdPayload: fc.Arbitrary<UserLimitCreatedPayload> = fc.record(
  {
    userLimitId: fc.constant('limit-1'),
    userId: fc.constantFrom('user-1', 'user-2'),
    brandId: fc.string({ minLength: 1 }),
    currencyCode: fc.constantFrom('SEK', 'EUR'),
    type: fc.constantFrom(...LIMIT_TYPES),
    period: fc.constantFrom(...LIMIT_PERIODS),
    status: fc.constantFrom(...LIMIT_STATUSES),
    value: decimal,
    activeFrom: time,
    activeUntil: time,
    nextResetTime: time,
  },
  { requiredKeys: ['userLimitId', 'userId', 'brandId', 'currencyCode', 'type', 'period', 'status', 'value', 'activeFrom'] },
);

/** Any state a limit can be in: absent, or created by some event and moved on by some progress. */
const currentLimit: fc.Arbitrary<UserLimit | undefined> = fc.option(
  fc.tuple(createdPayload, time, fc.option(decimal, { nil: undefined })).map(([payload, createdAt, progress]) => {
    const result = applyCreated(undefined, payload, { createdAt });
    if (result.outcome !== 'applied') throw new Error('a creation always applies');
    return progress === undefined ? result.limit : { ...result.limit, progress };
  }),
  { nil: undefined },
);

const progressPayload = fc.record(
  { userLimitId: fc.constant('limit-1'), amount: decimal, previousProgress: decimal, nextResetTime: time },
  { requiredKeys: ['userLimitId', 'amount', 'previousProgress'] },
);
const resetPayload = fc.record({ userLimitId: fc.constant('limit-1'), nextResetTime: time }, { requiredKeys: ['userLimitId'] });

/**
 * Any stored limit, every field of UserLimit present or absent. Typed over
 * every key of UserLimit: a field added to the entity must be added here.
 */
const anyStoredLimit: fc.Arbitrary<UserLimit> = fc.record<{ [K in keyof UserLimit]-?: UserLimit[K] }>(
  {
    userLimitId: fc.constant('limit-1'),
    userId: fc.constant('user-1'),
    brandId: fc.string({ minLength: 1 }),
    type: fc.constantFrom(...LIMIT_TYPES),
    period: fc.constantFrom(...LIMIT_PERIODS),
    status: fc.constantFrom(...LIMIT_STATUSES),
    value: decimal,
    progress: decimal,
    currencyCode: fc.constantFrom('SEK', 'EUR'),
    activeFrom: time,
    activeUntil: time,
    nextResetTime: time,
    previousLimitValue: decimal,
    createdAt: time,
  },
  { requiredKeys: ['userLimitId', 'userId', 'brandId', 'type', 'period', 'status', 'value', 'currencyCode', 'activeFrom'] },
);

const stateAfter = (result: ReturnType<typeof applyReset>): UserLimit | undefined =>
  result.outcome === 'applied' ? result.limit : undefined;

describe('domain rules (property)', () => {
  it('every rule is idempotent: applying the same event twice gives the state of applying it once', () => {
    fc.assert(
      fc.property(currentLimit, createdPayload, progressPayload, resetPayload, time, (current, created, progress, reset, createdAt) => {
        const rules = [
          (limit: UserLimit | undefined) => applyCreated(limit, created, { createdAt }),
          (limit: UserLimit | undefined) => applyProgressChanged(limit, progress),
          (limit: UserLimit | undefined) => applyReset(limit, reset),
        ];
        for (const apply of rules) {
          const once = apply(current);
          const twice = once.outcome === 'applied' ? apply(once.limit) : once;
          expect(twice.outcome).toBe(once.outcome);
          expect(stateAfter(twice)).toEqual(stateAfter(once));
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('rules never mutate the state they are given', () => {
    fc.assert(
      fc.property(currentLimit, createdPayload, progressPayload, resetPayload, (current, created, progress, reset) => {
        const before = structuredClone(current);
        applyCreated(current, created, { createdAt: 1 });
        applyProgressChanged(current, progress);
        applyReset(current, reset);
        expect(current).toEqual(before);
      }),
      PROPERTY_RUNS,
    );
  });

  it('progress and reset change progress and nextResetTime only: every other field stays, absent ones stay absent', () => {
    fc.assert(
      fc.property(anyStoredLimit, progressPayload, resetPayload, (current, progress, reset) => {
        const resetTime = (payload: { nextResetTime?: number }) =>
          payload.nextResetTime === undefined ? {} : { nextResetTime: payload.nextResetTime };
        const progressed = applyProgressChanged(current, progress);
        expect(progressed.outcome === 'applied' && progressed.limit).toStrictEqual({
          ...current,
          progress: addDecimals(progress.previousProgress, progress.amount),
          ...resetTime(progress),
        });
        expect(stateAfter(applyReset(current, reset))).toStrictEqual({ ...current, progress: '0', ...resetTime(reset) });
      }),
      PROPERTY_RUNS,
    );
  });

  it('progress and reset on a missing limit are orphaned; a creation keeps existing progress', () => {
    fc.assert(
      fc.property(currentLimit, createdPayload, progressPayload, resetPayload, (current, created, progress, reset) => {
        expect(applyProgressChanged(current, progress).outcome).toBe(current === undefined ? 'orphaned' : 'applied');
        expect(applyReset(current, reset).outcome).toBe(current === undefined ? 'orphaned' : 'applied');
        expect(stateAfter(applyCreated(current, created, { createdAt: 1 }))?.progress).toBe(current?.progress ?? '0');
      }),
      PROPERTY_RUNS,
    );
  });
});
