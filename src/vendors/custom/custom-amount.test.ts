import { describe, expect, it } from 'vitest';
import { shiftDecimalPoint, toDecimalAmount } from './custom-amount.ts';

describe('toDecimalAmount (decimal)', () => {
  it.each([
    ['12.50', '12.50'],
    [' 7 ', '7'],
    ['+3.10', '3.10'],
    [12.5, '12.5'],
    [0.1, '0.1'],
    [19.99, '19.99'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.25, '-2.25'],
    [0, '0'],
  ])('%j → %s', (raw, expected) => {
    expect(toDecimalAmount(raw, 'decimal', 2)).toBe(expected);
  });

  it.each(['12,50', '1,234.00', 'abc', '', '1.2.3', null, true, Number.NaN, Number.POSITIVE_INFINITY, { amount: 1 }])('%j is not an amount', (raw) => {
    expect(toDecimalAmount(raw, 'decimal', 2)).toBeNull();
  });
});

describe('toDecimalAmount (minorUnits)', () => {
  it.each([
    [1250, 2, '12.50'],
    ['5', 2, '0.05'],
    [-99, 2, '-0.99'],
    [1000, 0, '1000'],
    [123456, 3, '123.456'],
  ])('%j with %i digits → %s', (raw, digits, expected) => {
    expect(toDecimalAmount(raw, 'minorUnits', digits)).toBe(expected);
  });

  it('rejects fractional minor units', () => {
    expect(toDecimalAmount('12.5', 'minorUnits', 2)).toBeNull();
  });
});

describe('shiftDecimalPoint', () => {
  it('moves the point both ways without float arithmetic', () => {
    expect(shiftDecimalPoint('1.5', -7)).toBe('0.00000015');
    expect(shiftDecimalPoint('1.5', 3)).toBe('1500');
    expect(shiftDecimalPoint('0.1', 1)).toBe('1');
    expect(shiftDecimalPoint('-0', -2)).toBe('0.00');
  });
});
