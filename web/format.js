// @ts-check
import { fractionDigits, isDecimal } from './decimal.js';

/** Intl's bound on fraction digits (ECMA-402). */
const MAX_FRACTION_DIGITS = 100;

/**
 * An amount in its currency, in the viewer's locale, from the exact decimal
 * string: Intl.NumberFormat formats a decimal string without going through a
 * float (ECMA-402 "Intl.NumberFormat v3"). At least the currency's usual
 * fraction digits, and every digit the amount has ("9800.005" SEK keeps its 5).
 * A currency code Intl does not know is shown after the plain number.
 * @param {string} amount
 * @param {string} currency
 * @param {string | undefined} [locale]
 */
export const formatMoney = (amount, currency, locale) => {
  if (!isDecimal(amount)) throw new RangeError(`not a decimal amount: "${amount}"`);
  /** @type {Intl.NumberFormat} */
  let usual;
  try {
    usual = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    const digits = Math.min(MAX_FRACTION_DIGITS, fractionDigits(amount));
    const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return `${plain.format(/** @type {any} */ (amount))} ${currency}`;
  }
  const digits = Math.min(MAX_FRACTION_DIGITS, Math.max(usual.resolvedOptions().minimumFractionDigits ?? 0, fractionDigits(amount)));
  const exact = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  // The typings predate Intl.NumberFormat v3, which takes decimal strings.
  return exact.format(/** @type {any} */ (amount));
};

/**
 * A session limit's amount read as seconds (the recorded stream's session
 * limits are 82800 per DAY and 579600 per WEEK: 23 h and 161 h), as hours,
 * minutes and seconds in the viewer's locale. Digits come from BigInt.
 * @param {string} amount
 * @param {string | undefined} [locale]
 */
export const formatSeconds = (amount, locale) => {
  if (!isDecimal(amount) || amount.startsWith('-')) throw new RangeError(`not a duration: "${amount}"`);
  const total = BigInt(amount.split('.')[0] ?? '0');
  const parts = [
    ['hour', total / 3600n],
    ['minute', (total % 3600n) / 60n],
    ['second', total % 60n],
  ].filter(([, count], index) => count !== 0n || (index === 0 && total === 0n));
  return parts
    .map(([unit, count]) => new Intl.NumberFormat(locale, { style: 'unit', unit: /** @type {string} */ (unit), unitDisplay: 'long' }).format(/** @type {bigint} */ (count)))
    .join(' ');
};

/**
 * An instant in the viewer's time zone and locale, e.g. "Apr 23, 2022, 12:48 PM".
 * @param {number} epochMs
 * @param {string | undefined} [locale]
 */
export const formatDateTime = (epochMs, locale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(epochMs));
