import type { FittedModel } from '../types.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

/**
 * Repeats the last observed season. Before one full season has been seen it degrades
 * to the naive forecast instead of failing, so short series still get an answer.
 */
export function fitSeasonalNaive(values: readonly number[], seasonPeriod: number): FittedModel {
  const m = Math.max(1, Math.floor(seasonPeriod));
  return new Fitted({
    method: 'seasonal-naive',
    params: { seasonPeriod: m },
    minOrigin: m,
    residuals: () => values.slice(m).map((y, t) => y - values[t]!),
    forecastAt: (origin, horizon) => {
      const out = doubleArray(horizon);
      for (let k = 0; k < horizon; k++) {
        out[k] = origin >= m ? values[origin - m + (k % m)]! : (values[origin - 1] ?? 0);
      }
      return out;
    },
  });
}
