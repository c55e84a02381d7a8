import { describe, expect, it } from 'vitest';
import { ADI_CUTOFF, CV2_CUTOFF, classifyDemand } from './demand-class.ts';
import { abcClassify } from './abc-classify.ts';
import { hasSeasonality } from './seasonality-test.ts';

/** n periods with demand in the first k, sizes cycling through `sizes`. */
const series = (n: number, k: number, sizes: number[]): number[] =>
  Array.from({ length: n }, (_, t) => (t < k ? sizes[t % sizes.length]! : 0));

describe('Syntetos–Boylan demand classes', () => {
  it('uses the published cut-offs', () => {
    expect(ADI_CUTOFF).toBe(1.32);
    expect(CV2_CUTOFF).toBe(0.49);
  });

  it('sorts the four quadrants', () => {
    // sizes 4,6: CV² = 1/25 = 0.04; sizes 1,9: CV² = 16/25 = 0.64
    expect(classifyDemand(series(100, 100, [4, 6])).demandClass).toBe('smooth');
    expect(classifyDemand(series(100, 100, [1, 9])).demandClass).toBe('erratic');
    expect(classifyDemand(series(100, 50, [4, 6])).demandClass).toBe('intermittent');
    expect(classifyDemand(series(100, 50, [1, 9])).demandClass).toBe('lumpy');
  });

  it('puts values on either side of the ADI cut-off in the right class', () => {
    expect(classifyDemand(series(130, 100, [5])).adi).toBe(1.3);
    expect(classifyDemand(series(130, 100, [5])).demandClass).toBe('smooth');
    expect(classifyDemand(series(134, 100, [5])).demandClass).toBe('intermittent');
  });

  it('gives an all-zero series its own class', () => {
    expect(classifyDemand([0, 0, 0])).toMatchObject({ demandClass: 'no-demand', adi: null, cv2: null });
  });
});

describe('ABC by revenue', () => {
  it('closes A at 80% and B at 95% of cumulative revenue', () => {
    const rows = abcClassify([
      { id: 'e', revenue: 4 },
      { id: 'a', revenue: 50 },
      { id: 'c', revenue: 10 },
      { id: 'b', revenue: 30 },
      { id: 'd', revenue: 6 },
    ]);
    expect(rows.map((r) => `${r.id}${r.abcClass}`)).toEqual(['aA', 'bA', 'cB', 'dB', 'eC']);
    expect(rows[1]!.cumulativeShare).toBeCloseTo(0.8, 12);
  });

  it('keeps the item that crosses 80% in A', () => {
    const rows = abcClassify([
      { id: 'x', revenue: 70 },
      { id: 'y', revenue: 20 },
      { id: 'z', revenue: 10 },
    ]);
    expect(rows.map((r) => r.abcClass)).toEqual(['A', 'A', 'B']);
  });

  it('makes everything C when there is no revenue', () => {
    expect(abcClassify([{ id: 'q', revenue: 0 }])[0]!.abcClass).toBe('C');
  });
});

describe('seasonality test', () => {
  it('finds a weekly cycle, and none in a two-day alternation or a too-short series', () => {
    const weekly = Array.from({ length: 70 }, (_, t) => (t % 7 === 5 ? 30 : 10) + (t % 3));
    expect(hasSeasonality(weekly, 7)).toBe(true);
    expect(hasSeasonality(Array.from({ length: 70 }, (_, t) => 10 + (t % 2)), 7)).toBe(false);
    expect(hasSeasonality([1, 2, 3], 7)).toBe(false);
  });
});
