import { describe, expect, it } from 'vitest';
import { combineModels } from './combination.ts';
import { sesWithAlpha } from './ses.ts';
import { fitNaive } from './naive.ts';
import { fitSeasonalNaive } from './seasonal-naive.ts';

describe('combination', () => {
  it('is the equal-weight mean of its members at every origin', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const members = [sesWithAlpha(y, 0.5), fitNaive(y), fitSeasonalNaive(y, 2)];
    const combined = combineModels(members);
    for (const origin of [4, 7, 10]) {
      const expected = members.map((m) => m.forecastAt(origin, 3)).reduce((acc, f) => acc.map((v, k) => v + f[k]! / 3), [0, 0, 0]);
      combined.forecastAt(origin, 3).forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 12));
    }
    expect(combined.method).toBe('combination');
    expect(combined.minOrigin).toBe(Math.max(...members.map((m) => m.minOrigin)));
  });
});
