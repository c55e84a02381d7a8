import type { FittedModel } from '../types.ts';
import { goldenSectionMinimize } from '../optimize/golden-section.ts';
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
 * One-step SSE from index `from` (≥ 1) on: Σ (y[t] − forecast after t observations)², in the
 * same pass as the recursion (the same arithmetic as crostonForecasts, without writing the
 * path: a second pass over a stored path cost a third more per evaluation).
 */
function crostonSse(values: readonly number[], alpha: number, variant: CrostonVariant, from: number): number {
  const n = values.length;
  const factor = variant === 'sba' ? 1 - alpha / 2 : 1;
  let z = 0;
  let p = 0;
  let last = -1;
  let sse = 0;
  for (let t = 0; t < n - 1; t++) {
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
    if (t + 1 >= from) {
      const e = values[t + 1]! - (last < 0 ? 0 : (factor * z) / p);
      sse += e * e;
    }
  }
  return sse;
}

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
  const { x } = goldenSectionMinimize(
    (a) => crostonSse(values, a, variant, from),
    0.05,
    0.5,
    18,
  );
  return crostonWithAlpha(values, x, variant);
}
