import { describe, expect, it } from 'vitest';
import { addDecimals } from './decimal-sum.ts';

describe('addDecimals', () => {
  it('adds without binary float drift', () => {
    expect(addDecimals('0.10', '0.20')).toBe('0.30');
    expect(addDecimals('0', '45.9')).toBe('45.9');
    expect(addDecimals('45.9', '0.05')).toBe('45.95');
    expect(addDecimals('19.99', '-20.00')).toBe('-0.01');
    expect(addDecimals('0.3333', '0.6667')).toBe('1.0000');
  });
});
