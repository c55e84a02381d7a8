import { seasonalError } from './seasonal-error.ts';

/**
 * Mean absolute scaled error with seasonal scale m (Hyndman & Koehler 2006):
 * mean |y − ŷ| over the horizon divided by the in-sample seasonal-naive MAE.
 * Returns null when the scale is 0 (a history that repeats itself exactly, e.g. all
 * zeros): fev divides anyway and then drops the resulting Inf/NaN from its mean, so
 * returning null and skipping the series in averages reproduces its published numbers.
 * Missing actuals (NaN) are skipped.
 */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  history: readonly number[],
  seasonPeriod: number,
): number | null {
  const scale = seasonalError(history, seasonPeriod);
  if (!(scale > 0)) return null;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i]! - (forecast[i] ?? NaN));
    if (Number.isNaN(e)) continue;
    sum += e;
    count++;
  }
  return count > 0 ? sum / count / scale : null;
}
