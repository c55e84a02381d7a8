import { describe, expect, it } from 'vitest';
import { decimalAmount, minorUnitDigits } from './magento-money.ts';

describe('decimalAmount', () => {
  it.each([
    [25, 'USD', '25.00'],
    [19.99, 'USD', '19.99'],
    [0.1, 'USD', '0.10'],
    [12.3456, 'USD', '12.3456'],
    [0.1 + 0.2, 'USD', '0.30000000000000004'],
    [1e-7, 'USD', '0.0000001'],
    [1e21, 'USD', '1000000000000000000000.00'],
    [-5.5, 'USD', '-5.50'],
    [1500, 'JPY', '1500'],
    [1.5, 'BHD', '1.500'],
    ['12.500000', 'USD', '12.50'],
    ['7.000000', 'USD', '7.00'],
    ['0.000000', 'USD', '0.00'],
    ['-0.000000', 'USD', '0.00'],
    ['007.25', 'USD', '7.25'],
  ])('%s %s → %s', (raw, currency, expected) => {
    expect(decimalAmount(raw, currency)).toBe(expected);
  });

  it('keeps the exact text of a JSON number (never rounds as a float)', () => {
    expect(decimalAmount(JSON.parse('{"p": 33.33}').p as number, 'USD')).toBe('33.33');
  });

  it('rejects text that is not a decimal', () => {
    expect(decimalAmount('abc', 'USD')).toBeNull();
    expect(decimalAmount('', 'USD')).toBeNull();
    expect(decimalAmount(Number.NaN, 'USD')).toBeNull();
  });
});

describe('minorUnitDigits', () => {
  it('reads ISO 4217 minor units and falls back to 2 for unknown codes', () => {
    expect([minorUnitDigits('USD'), minorUnitDigits('JPY'), minorUnitDigits('KWD'), minorUnitDigits('???')]).toEqual([2, 0, 3, 2]);
  });
});
