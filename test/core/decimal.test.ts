import { addDecimals, decimalsEqual, isDecimalString } from '../../lambda/domain/decimal';

describe('exact decimal amounts', () => {
  it.each([
    ['0.1', '0.2', '0.3'],
    ['99999999999999999999.98', '0.01', '99999999999999999999.99'],
    ['0', '200', '200'],
    ['9800.00', '200', '10000'],
    ['0.000000001', '0.000000002', '0.000000003'],
    ['123456789012345678901234567890.123456789', '1', '123456789012345678901234567891.123456789'],
    // At the edge of the exact-double path (15 digits at the common scale) and just past it (BigInt).
    ['999999999999999', '999999999999999', '1999999999999998'],
    ['9999999999999.99', '0.01', '10000000000000'],
    ['4503599627370495.5', '0.5', '4503599627370496'],
    ['0.000000000000001', '9', '9.000000000000001'],
    ['007.50', '0.50', '8'],
  ])('%s + %s = %s', (a, b, sum) => {
    expect(addDecimals(a, b)).toBe(sum);
  });

  it('compares amounts by value, not by text', () => {
    expect(decimalsEqual('0', '0.00')).toBe(true);
    expect(decimalsEqual('200', '200.01')).toBe(false);
  });

  it.each(['200', '0', '9800.00', '0.5', '99999999999999999999.99'])('accepts %p', (text) => {
    expect(isDecimalString(text)).toBe(true);
  });

  it.each(['', '1e5', '-3', ' 1', '1 ', '+1', '.5', '5.', '1,5', '0x10', 'NaN', 'Infinity', '١٢', '1.2.3'])('refuses %p', (text) => {
    expect(isDecimalString(text)).toBe(false);
  });
});
