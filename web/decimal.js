// @ts-check
/**
 * Exact decimal arithmetic on the API's amount strings ("200", "9800.00"):
 * scaled BigInt, never floating point.
 */

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;

/** @param {string} amount */
export const isDecimal = (amount) => DECIMAL.test(amount);

/** @param {string} amount */
export const fractionDigits = (amount) => {
  const dot = amount.indexOf('.');
  return dot < 0 ? 0 : amount.length - dot - 1;
};

/**
 * @param {string} amount
 * @param {number} scale
 */
const toScaled = (amount, scale) => {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const scaled = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -scaled : scaled;
};

/**
 * @param {bigint} scaled
 * @param {number} scale
 */
const fromScaled = (scaled, scale) => {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
};

/**
 * a − b, exactly, with as many fraction digits as the longer operand
 * ("10000" − "200.5" = "9799.5").
 * @param {string} a
 * @param {string} b
 */
export const subtractDecimal = (a, b) => {
  if (!isDecimal(a) || !isDecimal(b)) throw new RangeError(`not decimal amounts: "${a}", "${b}"`);
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  return fromScaled(toScaled(a, scale) - toScaled(b, scale), scale);
};

/**
 * −1, 0 or 1 as a is less than, equal to or greater than b.
 * @param {string} a
 * @param {string} b
 */
export const compareDecimal = (a, b) => {
  const difference = subtractDecimal(a, b);
  if (/^-?[0.]+$/.test(difference)) return 0;
  return difference.startsWith('-') ? -1 : 1;
};
