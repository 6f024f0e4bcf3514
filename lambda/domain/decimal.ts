import Big from 'big.js';
import type { DecimalString } from './user-limit';

/**
 * The only accepted shape of an amount: ASCII digits with an optional
 * fraction. Rejects exponents ("1e5"), signs ("-3"), blanks (" 1") and
 * anything JSON would coerce.
 */
export const DECIMAL_PATTERN = /^[0-9]+(\.[0-9]+)?$/;

/** Whether `text` is an amount this service accepts (see {@link DECIMAL_PATTERN}). */
export const isDecimalString = (text: string): boolean => DECIMAL_PATTERN.test(text);

/**
 * Exact sum of two decimal strings, in plain notation without trailing
 * fraction zeros: `addDecimals('0.1', '0.2') === '0.3'`.
 */
export const addDecimals = (a: DecimalString, b: DecimalString): DecimalString =>
  new Big(a).plus(b).toFixed();

/** Whether two decimal strings are the same amount ("0" equals "0.00"). */
export const decimalsEqual = (a: DecimalString, b: DecimalString): boolean => new Big(a).eq(b);
