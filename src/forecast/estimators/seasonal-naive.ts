import type { FittedModel } from '../types.ts';

/**
 * Repeats the last observed season. Before one full season has been seen it degrades
 * to the naive forecast instead of failing, so short series still get an answer.
 */
export function fitSeasonalNaive(values: readonly number[], seasonPeriod: number): FittedModel {
  const m = Math.max(1, Math.floor(seasonPeriod));
  let residuals: number[] | undefined;
  return {
    method: 'seasonal-naive',
    params: { seasonPeriod: m },
    minOrigin: m,
    get residuals() {
      residuals ??= values.slice(m).map((y, t) => y - values[t]!);
      return residuals;
    },
    forecastAt: (origin, horizon) => {
      const out = new Array<number>(horizon);
      for (let k = 0; k < horizon; k++) {
        out[k] = origin >= m ? values[origin - m + (k % m)]! : (values[origin - 1] ?? 0);
      }
      return out;
    },
  };
}
