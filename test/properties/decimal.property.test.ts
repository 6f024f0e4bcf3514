import fc from 'fast-check';
import { addDecimals, DECIMAL_PATTERN, decimalsEqual, isDecimalString } from '../../lambda/domain/decimal';
import { applyCreated, applyProgressChanged } from '../../lambda/domain/rules';
import type { UserLimit } from '../../lambda/domain/user-limit';
import { PROPERTY_RUNS } from '../support/limit-streams';

/** An amount as the producer may write it: up to 40 integer digits, up to 30 fraction digits, zeros anywhere. */
const amount = fc
  .tuple(fc.stringMatching(/^[0-9]{1,40}$/), fc.option(fc.stringMatching(/^[0-9]{1,30}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));

/** The reference, independent of big.js: an amount as a BigInt of units of 10^-scale. */
const scaled = (text: string, scale: number): bigint => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
};

const scaleOf = (...texts: string[]): number => Math.max(0, ...texts.map((text) => text.split('.')[1]?.length ?? 0));

/** Plain notation, no leading zeros, no trailing fraction zeros: the canonical form addDecimals returns. */
const canonical = (units: bigint, scale: number): string => {
  const digits = units.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction.length > 0 ? `${whole}.${fraction}` : whole;
};

const exactSum = (amounts: readonly string[]): string => {
  const scale = scaleOf(...amounts);
  return canonical(
    amounts.reduce((sum, text) => sum + scaled(text, scale), 0n),
    scale,
  );
};

const limit: UserLimit = {
  userLimitId: 'limit-1',
  userId: 'user-1',
  brandId: 'brand-1',
  type: 'LOSS',
  period: 'MONTH',
  status: 'ACTIVE',
  value: '1000',
  progress: '0',
  currencyCode: 'EUR',
  activeFrom: 0,
};

describe('decimal arithmetic (property)', () => {
  it('the reference agrees with hand-checked sums', () => {
    expect(exactSum(['0.1', '0.2'])).toBe('0.3');
    expect(exactSum(['9800.00', '200'])).toBe('10000');
    expect(exactSum(['99999999999999999999.99', '0.01'])).toBe('100000000000000000000');
    expect(exactSum(['000', '0.000'])).toBe('0');
  });

  it('addDecimals is the exact decimal sum, however long the amounts', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(addDecimals(a, b)).toBe(exactSum([a, b]));
      }),
      PROPERTY_RUNS,
    );
  });

  it('addDecimals is the exact decimal sum for amounts around 15 digits (where doubles stop being exact)', () => {
    const short = fc
      .tuple(fc.stringMatching(/^[0-9]{1,9}$/), fc.option(fc.stringMatching(/^[0-9]{1,8}$/), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(short, short, (a, b) => {
        expect(addDecimals(a, b)).toBe(exactSum([a, b]));
      }),
      PROPERTY_RUNS,
    );
  });

  it('decimalsEqual is equality of the exact values', () => {
    fc.assert(
      fc.property(amount, amount, fc.nat(5), (a, b, extraZeros) => {
        const scale = scaleOf(a, b);
        expect(decimalsEqual(a, b)).toBe(scaled(a, scale) === scaled(b, scale));
        const padded = a.includes('.') ? `0${a}${'0'.repeat(extraZeros)}` : `0${a}.${'0'.repeat(extraZeros + 1)}`;
        expect(decimalsEqual(a, padded)).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });

  it('progress after a chain of PROGRESS_CHANGED events is the exact sum of the amounts', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 20 }), (amounts) => {
        let current: UserLimit = limit;
        let previousProgress = '0';
        for (const [index, next] of amounts.entries()) {
          const result = applyProgressChanged(current, { userLimitId: limit.userLimitId, amount: next, previousProgress });
          if (result.outcome !== 'applied') throw new Error('expected applied');
          expect(result.progressGap).toBeUndefined();
          current = result.limit;
          previousProgress = exactSum(amounts.slice(0, index + 1));
          expect(isDecimalString(current.progress!)).toBe(true);
        }
        expect(current.progress).toBe(exactSum(amounts));
        const recreated = applyCreated(current, { ...limit, value: '5', activeFrom: 1 }, { createdAt: 2 });
        expect(recreated.outcome === 'applied' && recreated.limit.progress).toBe(exactSum(amounts));
      }),
      PROPERTY_RUNS,
    );
  });

  it('isDecimalString accepts exactly ASCII digits with an optional fraction', () => {
    const isAsciiDigit = (char: string) => char >= '0' && char <= '9';
    const reference = (text: string): boolean => {
      const parts = text.split('.');
      return parts.length <= 2 && parts.every((part) => part.length > 0 && [...part].every(isAsciiDigit));
    };
    const nearDecimal = fc
      .array(fc.constantFrom('0', '7', '9', '.', '-', '+', 'e', ' ', '\u0661', '\uff11', '\n'), { maxLength: 8 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(nearDecimal, (text) => {
        expect(isDecimalString(text)).toBe(reference(text));
      }),
      { numRuns: 300 },
    );
    for (const bad of ['1e5', '-3', ' 1', '1 ', '.5', '5.', '1.2.3', '0x10', 'Infinity', '', '7\n'])
      expect(isDecimalString(bad)).toBe(false);
  });

  it('addDecimals and decimalsEqual refuse (TypeError) exactly what DECIMAL_PATTERN refuses, either operand', () => {
    const nearDecimal = fc
      .array(fc.constantFrom('0', '7', '9', '.', '-', '+', 'e', ' ', '\u0661', '\uff11', '\n'), { maxLength: 8 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(nearDecimal, fc.boolean(), (text, first) => {
        const refused = !DECIMAL_PATTERN.test(text);
        const operands = (other: string): [string, string] => (first ? [text, other] : [other, text]);
        const outcome = (operation: () => unknown) => {
          try {
            operation();
            return 'accepted';
          } catch (error) {
            return error instanceof TypeError ? 'TypeError' : 'other error';
          }
        };
        expect(outcome(() => addDecimals(...operands('1.5')))).toBe(refused ? 'TypeError' : 'accepted');
        expect(outcome(() => decimalsEqual(...operands('1.5')))).toBe(refused ? 'TypeError' : 'accepted');
      }),
      { numRuns: 500 },
    );
  });
});
