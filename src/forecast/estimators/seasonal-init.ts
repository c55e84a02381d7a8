import { doubleArray } from '../double-array.ts';

export type SeasonForm = 'additive' | 'multiplicative';

export interface SeasonalStart {
  readonly level: number;
  readonly trend: number;
  /** Seasonal index for times 0..m−1 (additive sums to 0, multiplicative averages 1). */
  readonly season: number[];
}

/**
 * Classical-decomposition start: season means of the first (up to two) full seasons give
 * level and trend; deviations from them give the seasonal indices. The level is moved
 * back to time −1 so the first forecast is level + trend + season[0].
 */
export function seasonalStart(values: readonly number[], m: number, form: SeasonForm): SeasonalStart {
  const seasons = Math.max(1, Math.min(2, Math.floor(values.length / m)));
  const means: number[] = [];
  for (let j = 0; j < seasons; j++) {
    let sum = 0;
    let count = 0;
    for (let i = j * m; i < Math.min(values.length, (j + 1) * m); i++, count++) sum += values[i]!;
    means.push(count > 0 ? sum / count : 0);
  }
  const trend = seasons > 1 ? (means[1]! - means[0]!) / m : 0;
  const season = doubleArray(m, form === 'additive' ? 0 : 1);
  for (let i = 0; i < m; i++) {
    let acc = 0;
    let count = 0;
    for (let j = 0; j < seasons; j++) {
      const y = values[j * m + i];
      if (y === undefined) continue;
      const centre = means[j]! + trend * (i - (m - 1) / 2);
      acc += form === 'additive' ? y - centre : centre > 0 ? y / centre : 1;
      count++;
    }
    if (count > 0) season[i] = acc / count;
  }
  normalise(season, form);
  return { level: (means[0] ?? 0) - trend * ((m + 1) / 2), trend, season };
}

function normalise(season: number[], form: SeasonForm): void {
  const mean = season.reduce((a, b) => a + b, 0) / season.length;
  for (let i = 0; i < season.length; i++) {
    season[i] = form === 'additive' ? season[i]! - mean : mean > 0 ? season[i]! / mean : 1;
  }
}
