import type { HorizonErrors } from '../selection/horizon-errors.ts';
import { quantilesOf } from './quantile-select.ts';
import { quantileKey } from './quantile-levels.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';
import { doubleArray } from '../double-array.ts';

const pooledScratch = new ScratchBuffer();
const sumsScratch = new ScratchBuffer();
const countsScratch = new ScratchBuffer();
const scalesScratch = new ScratchBuffer();

/** Steps with fewer error samples than this borrow their spread from earlier steps. */
const MIN_STEP_SAMPLES = 8;

/**
 * Spread of the k-step error, mean |e_k|, made non-decreasing in k (uncertainty cannot
 * shrink with the horizon). Steps with too few samples extend the last well-estimated
 * step by √(k / k₀), the random-walk growth rate.
 */
function stepScales(errors: HorizonErrors, horizon: number, pooled: boolean): Float64Array {
  if (pooled) return scalesScratch.take(horizon).fill(1);
  const sums = sumsScratch.take(horizon).fill(0);
  const counts = countsScratch.take(horizon).fill(0);
  for (const row of errors.rows) {
    for (let k = 0; k < row.length; k++) {
      sums[k]! += Math.abs(row[k]!);
      counts[k]!++;
    }
  }
  const scales = scalesScratch.take(horizon).fill(0);
  let anchor = -1;
  for (let k = 0; k < horizon; k++) {
    if (counts[k]! >= MIN_STEP_SAMPLES || (anchor < 0 && counts[k]! > 0)) {
      scales[k] = Math.max(sums[k]! / counts[k]!, k > 0 ? scales[k - 1]! : 0);
      anchor = k;
    } else if (anchor >= 0) {
      scales[k] = Math.max(scales[anchor]! * Math.sqrt((k + 1) / (anchor + 1)), scales[k - 1]!);
    }
  }
  return scales;
}

/**
 * Empirical predictive quantiles around the point forecast.
 * - `scaled` (smooth demand): errors are divided by their step's spread and pooled, so
 *   every step gets the full sample's shape (skew, heavy tails) at its own width:
 *   q_k(τ) = mean_k + s_k · Q_τ(e / s).
 * - `pooled` (intermittent demand): raw errors of all steps are pooled, because a flat
 *   intermittent forecast has the same error distribution at every step: q_k(τ) = mean_k + Q_τ(e).
 * No normal approximation anywhere; results are clipped at zero (demand) and stay
 * monotone in τ because both forms are monotone in the empirical quantile.
 * With `counts` (integer demand) quantiles are rounded to whole units: a discrete
 * outcome's quantile is a whole number, and 0.7 units would count a demand of 1 as a
 * miss, which left car-parts 80% intervals covering only ~60%.
 */
export function residualQuantiles(
  mean: readonly number[],
  errors: HorizonErrors,
  levels: readonly number[],
  mode: 'scaled' | 'pooled',
  counts = false,
): Record<string, number[]> {
  const horizon = mean.length;
  const scales = stepScales(errors, horizon, mode === 'pooled');
  let size = 0;
  for (const row of errors.rows) size += Math.min(row.length, horizon);
  const pooled = pooledScratch.take(size);
  let used = 0;
  for (const row of errors.rows) {
    const steps = Math.min(row.length, horizon);
    for (let k = 0; k < steps; k++) {
      const s = scales[k]!;
      if (s > 0) pooled[used++] = row[k]! / s;
    }
  }
  const zs = quantilesOf(pooled.subarray(0, used), levels);
  const out: Record<string, number[]> = {};
  for (let i = 0; i < levels.length; i++) {
    const z = used > 0 ? zs[i]! : 0;
    const values = doubleArray(horizon);
    for (let k = 0; k < horizon; k++) {
      const q = Math.max(0, mean[k]! + scales[k]! * z);
      values[k] = counts ? Math.round(q) : q;
    }
    out[quantileKey(levels[i]!)] = values;
  }
  return out;
}
