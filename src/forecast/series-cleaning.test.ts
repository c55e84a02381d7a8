import { describe, expect, it } from 'vitest';
import { cleanSeries } from './series-cleaning.ts';

describe('cleanSeries', () => {
  it('drops leading gaps, interpolates interior gaps and carries the last value forward', () => {
    expect(cleanSeries([null, NaN, 2, null, null, 8, undefined])).toEqual({
      values: [2, 4, 6, 8, 8],
      droppedLeading: 2,
      interpolated: 2,
      filledTrailing: 1,
    });
  });

  it('cleans an all-missing series to nothing', () => {
    expect(cleanSeries([null, NaN]).values).toEqual([]);
  });

  it('treats Infinity as missing', () => {
    expect(cleanSeries([1, Infinity, 3]).values).toEqual([1, 2, 3]);
  });
});
