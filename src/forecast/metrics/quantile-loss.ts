import { seasonalError } from './seasonal-error.ts';

/**
 * Quantile (pinball) loss as fev writes it, with the factor 2 that makes the 0.5 level
 * equal to the absolute error: 2·|(y − q)·(1{y ≤ q} − τ)|.
 */
export function quantileLoss(actual: number, predicted: number, level: number): number {
  return 2 * Math.abs((actual - predicted) * ((actual <= predicted ? 1 : 0) - level));
}

export interface QuantilePrediction {
  readonly level: number;
  readonly values: readonly number[];
}

/**
 * Scaled quantile loss (SQL), the fev-bench primary metric, for one series:
 *   SQL = mean over horizon steps t of [ mean over levels τ of 2·ρ_τ(y_t, q_τ,t) ] / scale
 * where scale is the in-sample seasonal-naive MAE (the MASE denominator) of the history.
 * fev then averages the per-step values over all series and steps, ignoring non-finite
 * ones, i.e. it drops zero-scale series; we return null for those for the same effect.
 * Missing actuals (NaN) are skipped.
 */
export function scaledQuantileLoss(
  actual: readonly number[],
  predictions: readonly QuantilePrediction[],
  history: readonly number[],
  seasonPeriod: number,
): number | null {
  const scale = seasonalError(history, seasonPeriod);
  if (!(scale > 0) || predictions.length === 0) return null;
  let sum = 0;
  let count = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t]!;
    if (Number.isNaN(y)) continue;
    let stepLoss = 0;
    for (const p of predictions) stepLoss += quantileLoss(y, p.values[t] ?? NaN, p.level);
    sum += stepLoss / predictions.length;
    count++;
  }
  return count > 0 ? sum / count / scale : null;
}
