import type { FittedModel } from '../types.ts';
import { goldenSectionMinimizeBatch, type BatchObjective } from '../optimize/golden-section-batch.ts';
import { SharedPath } from './shared-path.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

const sharedPath = new SharedPath<Float64Array>();

export type CrostonVariant = 'croston' | 'sba';

/**
 * Croston's method: smooth non-zero demand sizes z and inter-demand intervals p with the
 * same α, updating only in periods with demand; forecast z/p. SBA (Syntetos–Boylan
 * approximation) multiplies by (1 − α/2) to remove Croston's known upward bias.
 * Start: z = first non-zero demand, p = periods up to and including it.
 * forecasts[t] is the forecast after t observations (0 before the first demand); written
 * into `out` when given.
 */
export function crostonForecasts(
  values: readonly number[],
  alpha: number,
  variant: CrostonVariant,
  out?: Float64Array,
): Float64Array {
  const n = values.length;
  const forecasts = out ?? new Float64Array(n + 1);
  forecasts[0] = 0;
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
  let z = 0;
  let p = 0;
  let last = -1;
  for (let t = 0; t < n; t++) {
    const y = values[t]!;
    if (y > 0) {
      if (last < 0) {
        z = y;
        p = t + 1;
      } else {
        z += alpha * (y - z);
        p += alpha * (t - last - p);
      }
      last = t;
    }
    forecasts[t + 1] = last < 0 ? 0 : (factor * z) / p;
  }
  return forecasts;
}

function firstDemandIndex(values: readonly number[]): number {
  const i = values.findIndex((v) => v > 0);
  return i < 0 ? values.length : i;
}

/**
 * One-step SSE from index `from` (≥ 1) on, Σ (y[t] − forecast after t observations)², at three
 * α in one pass: the same arithmetic per α as crostonForecasts, without writing the path (a
 * second pass over a stored path cost a third more per evaluation), and three searches' chains
 * side by side for little more than the cost of one (goldenSectionMinimizeBatch).
 */
const crostonSseBatch = (values: readonly number[], variant: CrostonVariant, from: number): BatchObjective => (count, a0, a1, a2, out) => {
  const n = values.length;
  const f0 = variant === 'sba' ? 1 - a0 / 2 : 1;
  const f1 = variant === 'sba' ? 1 - a1 / 2 : 1;
  const f2 = variant === 'sba' ? 1 - a2 / 2 : 1;
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let last = -1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let t = 0; t < n - 1; t++) {
    const y = values[t]!;
    if (y > 0) {
      if (last < 0) {
        z0 = z1 = z2 = y;
        p0 = p1 = p2 = t + 1;
      } else {
        const gap = t - last;
        z0 += a0 * (y - z0);
        z1 += a1 * (y - z1);
        z2 += a2 * (y - z2);
        p0 += a0 * (gap - p0);
        p1 += a1 * (gap - p1);
        p2 += a2 * (gap - p2);
      }
      last = t;
    }
    if (t + 1 >= from) {
      const next = values[t + 1]!;
      const e0 = next - (last < 0 ? 0 : (f0 * z0) / p0);
      const e1 = next - (last < 0 ? 0 : (f1 * z1) / p1);
      const e2 = next - (last < 0 ? 0 : (f2 * z2) / p2);
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
    }
  }
  out[0] = s0;
  if (count > 1) out[1] = s1;
  if (count > 2) out[2] = s2;
};

/** Croston/SBA with a fixed α (exported so tests can pin the parameter). */
export function crostonWithAlpha(values: readonly number[], alpha: number, variant: CrostonVariant): FittedModel {
  const owner = {};
  const forecastsOf = (): Float64Array =>
    sharedPath.get(owner, values.length + 1, (memory) => crostonForecasts(values, alpha, variant, memory));
  const from = Math.min(values.length, firstDemandIndex(values) + 1);
  return new Fitted({
    method: variant,
    params: { alpha },
    // Before the first demand the forecast is 0, which is a real answer, so any origin works.
    minOrigin: 1,
    residuals: () => {
      const forecasts = forecastsOf();
      return values.slice(from).map((y, i) => y - forecasts[from + i]!);
    },
    forecastAt: (origin, horizon) => doubleArray(horizon, forecastsOf()[origin] ?? 0),
  });
}

/** Croston or SBA with α ∈ [0.05, 0.5] chosen by one-step SSE after the first demand. */
export function fitCroston(values: readonly number[], variant: CrostonVariant): FittedModel {
  const from = Math.min(values.length, firstDemandIndex(values) + 1);
  const { x } = goldenSectionMinimizeBatch(crostonSseBatch(values, variant, from), 0.05, 0.5, 18);
  return crostonWithAlpha(values, x, variant);
}
