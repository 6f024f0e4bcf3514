import type { DecimalString } from './user-limit';

/**
 * The only accepted shape of an amount: ASCII digits with an optional
 * fraction. Rejects exponents ("1e5"), signs ("-3"), blanks (" 1") and
 * anything JSON would coerce.
 */
export const DECIMAL_PATTERN = /^[0-9]+(\.[0-9]+)?$/;

/**
 * Whether `text` is an amount this service accepts (see {@link DECIMAL_PATTERN}).
 * The same one-pass loop as the arithmetic's own check, not the regular
 * expression: two amounts per progress event are checked, and the
 * expression's call was 1 % of the handler's profile; the property test
 * ties the two together.
 */
export const isDecimalString = (text: string): boolean => fractionDigitsOrNegative(text) >= 0;

/*
 * Hand-written on BigInt rather than big.js: the two operations below are all
 * the rules need, and for one progress event (an add and a compare) big.js
 * took 1.45 µs against 0.58 µs here (README, Performance). Amounts are never
 * floating point: a decimal string is an integer count of 10^-scale units.
 * Amounts of up to 15 digits at the common scale (every realistic amount)
 * are counted in a double, which holds every integer below 2^53 exactly;
 * longer ones in a BigInt. On the benchmark's amounts an add and a compare
 * took 0.19–0.32 µs against 0.29–0.46 µs on BigInt alone; the property tests
 * check both paths against an independent reference.
 */

/** Digits a double counts exactly: every 15-digit integer is below 2^53. */
const MAX_EXACT_DIGITS = 15;

/**
 * The number of fraction digits of a decimal string (0 without a dot), in
 * one pass that also checks it is one ({@link DECIMAL_PATTERN}); -1 when it
 * is not. Four regular-expression calls per progress event showed as 2-3 %
 * of the handler's profile; this loop made an add and a compare ~20 % faster.
 */
function fractionDigitsOrNegative(text: string): number {
  let digitsInPart = 0;
  let dot = -1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 /* '0' */ && code <= 57 /* '9' */) {
      digitsInPart += 1;
    } else if (code === 46 /* '.' */ && dot < 0 && digitsInPart > 0) {
      dot = index;
      digitsInPart = 0;
    } else {
      digitsInPart = 0;
      break;
    }
  }
  if (digitsInPart === 0) return -1;
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** {@link fractionDigitsOrNegative} for the arithmetic: every add and compare checks both operands, and throws a TypeError on anything else. */
const fractionDigits = (text: DecimalString): number => {
  const digits = fractionDigitsOrNegative(text);
  if (digits < 0) throw new TypeError(`not a decimal string: ${JSON.stringify(text.slice(0, 40))}`);
  return digits;
};

/** The amount in units of 10^-scale (scale ≥ its `fraction` digits). */
const toUnits = (text: DecimalString, fraction: number, scale: number): bigint => {
  const digits = fraction === 0 ? text : text.slice(0, text.length - fraction - 1) + text.slice(text.length - fraction);
  return BigInt(digits + '0'.repeat(scale - fraction));
};

/** Digits of `text` (with `fraction` fraction digits) at `scale`: its whole digits plus `scale` fraction digits. */
const digitsAtScale = (text: DecimalString, fraction: number, scale: number): number =>
  text.length - (fraction > 0 ? fraction + 1 : 0) + scale;

/** {@link toUnits} as an exact double; only for amounts of at most {@link MAX_EXACT_DIGITS} digits at `scale`. */
const toExactUnits = (text: DecimalString, fraction: number, scale: number): number => {
  let units = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 46 /* '.' */) units = units * 10 + (code - 48);
  }
  return units * 10 ** (scale - fraction);
};

/** Plain notation of `digits` (an integer's digits) at `scale`: no leading zeros, no trailing fraction zeros: "0.3", "10000", "0". */
const fromDigits = (integerDigits: string, scale: number): DecimalString => {
  const digits = integerDigits.padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let end = digits.length;
  while (end > whole.length && digits.charCodeAt(end - 1) === 48 /* '0' */) end -= 1;
  return end > whole.length ? `${whole}.${digits.slice(whole.length, end)}` : whole;
};

/**
 * {@link fromDigits} for an exact count of units (below 2^53, so the integer
 * arithmetic here is exact): the whole and fraction parts are split as
 * numbers, fraction zeros dropped as numbers, and only the result's parts
 * become strings. The digit string, its padding, its two halves and their
 * joins were six short-lived strings per progress event; this makes half the
 * bytes, as fast (0.095 against 0.096 µs per add on the benchmark's amounts).
 */
const fromExactUnits = (units: number, scale: number): DecimalString => {
  const factor = 10 ** scale;
  let fraction = units % factor;
  const whole = (units - fraction) / factor;
  let digits = scale;
  while (digits > 0 && fraction % 10 === 0) {
    fraction /= 10;
    digits -= 1;
  }
  if (digits === 0) return String(whole);
  const fractionText = String(fraction);
  return fractionText.length === digits ? `${whole}.${fractionText}` : `${whole}.${fractionText.padStart(digits, '0')}`;
};

/**
 * Exact sum of two decimal strings, in plain notation without trailing
 * fraction zeros: `addDecimals('0.1', '0.2') === '0.3'`. Throws a TypeError
 * on anything that is not a decimal string.
 */
export const addDecimals = (a: DecimalString, b: DecimalString): DecimalString => {
  const fractionA = fractionDigits(a);
  const fractionB = fractionDigits(b);
  const scale = Math.max(fractionA, fractionB);
  if (digitsAtScale(a, fractionA, scale) <= MAX_EXACT_DIGITS && digitsAtScale(b, fractionB, scale) <= MAX_EXACT_DIGITS) {
    // Both below 10^15, so their sum is below 2^53: exact too.
    return fromExactUnits(toExactUnits(a, fractionA, scale) + toExactUnits(b, fractionB, scale), scale);
  }
  return fromDigits((toUnits(a, fractionA, scale) + toUnits(b, fractionB, scale)).toString(), scale);
};

/** The same amount as one canonical text: no leading integer zeros, no trailing fraction zeros. */
const canonical = (text: DecimalString): string => {
  let start = 0;
  const dot = text.indexOf('.');
  const wholeEnd = dot < 0 ? text.length : dot;
  while (start < wholeEnd - 1 && text.charCodeAt(start) === 48) start += 1;
  if (dot < 0) return text.slice(start);
  let end = text.length;
  while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end -= 1;
  return end === dot + 1 ? text.slice(start, dot) : text.slice(start, end);
};

/** Whether two decimal strings are the same amount ("0" equals "0.00"). Throws a TypeError on anything else. */
export const decimalsEqual = (a: DecimalString, b: DecimalString): boolean => {
  fractionDigits(a);
  fractionDigits(b);
  return a === b || canonical(a) === canonical(b);
};
