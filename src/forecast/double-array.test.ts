import { describe, expect, it } from 'vitest';
import { doubleArray } from './double-array.ts';

describe('doubleArray', () => {
  it('gives a fresh array of the length asked for, filled with the value given (zero by default)', () => {
    for (const length of [0, 1, 28, 4096, 5000]) {
      expect(doubleArray(length)).toEqual(new Array<number>(length).fill(0));
      expect(doubleArray(length, 2.5)).toEqual(new Array<number>(length).fill(2.5));
    }
    expect(Object.is(doubleArray(3, -0)[1], -0)).toBe(true);
  });

  it('never shares memory between arrays: writing one leaves the next one zero', () => {
    const first = doubleArray(10);
    first[3] = 7;
    expect(doubleArray(10)[3]).toBe(0);
  });
});
