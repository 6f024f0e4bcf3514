import type { DecimalString } from './user-limit';

/**
 * The only accepted shape of an amount: ASCII digits with an optional
 * fraction. Rejects exponents ("1e5"), signs ("-3"), blanks (" 1") and
 * anything JSON would coerce.
 */
export const DECIMAL_PATTERN = /^[0-9]+(\.[0-9]+)?$/;

/** Whether `text` is an amount this service accepts (see {@link DECIMAL_PATTERN}). */
export const isDecimalString = (text: string): boolean => DECIMAL_PATTERN.test(text);

/*
 * Hand-written on BigInt rather than big.js: the two operations below are all
 * the rules need, and for one progress event (an add and a compare) big.js
 * took 1.45 µs against 0.58 µs here (README, Performance). Amounts are never
 * floating point: a decimal string is an integer count of 10^-scale units,
 * held in a BigInt.
 */

const requireDecimal = (text: DecimalString): void => {
  if (!DECIMAL_PATTERN.test(text)) throw new TypeError(`not a decimal string: ${JSON.stringify(text.slice(0, 40))}`);
};

const fractionLength = (text: DecimalString): number => {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
};

/** The amount in units of 10^-scale (scale ≥ its own fraction length). */
const toUnits = (text: DecimalString, scale: number): bigint => {
  const dot = text.indexOf('.');
  const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  return BigInt(digits + '0'.repeat(scale - fractionLength(text)));
};

/** Plain notation, no leading zeros, no trailing fraction zeros: "0.3", "10000", "0". */
const fromUnits = (units: bigint, scale: number): DecimalString => {
  const digits = units.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let end = digits.length;
  while (end > whole.length && digits.charCodeAt(end - 1) === 48 /* '0' */) end -= 1;
  return end > whole.length ? `${whole}.${digits.slice(whole.length, end)}` : whole;
};

/**
 * Exact sum of two decimal strings, in plain notation without trailing
 * fraction zeros: `addDecimals('0.1', '0.2') === '0.3'`. Throws a TypeError
 * on anything that is not a decimal string.
 */
export const addDecimals = (a: DecimalString, b: DecimalString): DecimalString => {
  requireDecimal(a);
  requireDecimal(b);
  const scale = Math.max(fractionLength(a), fractionLength(b));
  return fromUnits(toUnits(a, scale) + toUnits(b, scale), scale);
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
  requireDecimal(a);
  requireDecimal(b);
  return a === b || canonical(a) === canonical(b);
};
