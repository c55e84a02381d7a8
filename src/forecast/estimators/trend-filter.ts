import { doubleArray } from '../double-array.ts';

/**
 * Additive-trend exponential smoothing in error-correction form (ETS(A,A,N) / ETS(A,Ad,N)):
 *   ŷ = l + φb,  e = y − ŷ,  l ← ŷ + αe,  b ← φb + βe.
 * Holt is φ = 1. The filter starts after the first observation with l = y0 and the
 * trend from the first few differences.
 */
export interface TrendParams {
  readonly alpha: number;
  readonly beta: number;
  readonly phi: number;
}

export interface TrendPath {
  /** level[t], trend[t]: state after t observations (index 0 unused before y0). */
  readonly level: Float64Array;
  readonly trend: Float64Array;
  readonly sse: number;
}

function initialTrend(values: readonly number[]): number {
  const span = Math.min(values.length - 1, 3);
  return span > 0 ? (values[span]! - values[0]!) / span : 0;
}

/** One-step SSE only, parameters in locals: the optimizer's objective. */
export function trendSse(values: readonly number[], p: TrendParams): number {
  const { alpha, beta, phi } = p;
  let l = values[0] ?? 0;
  let b = initialTrend(values);
  let sse = 0;
  for (let t = 1; t < values.length; t++) {
    const yhat = l + phi * b;
    const e = values[t]! - yhat;
    sse += e * e;
    l = yhat + alpha * e;
    b = phi * b + beta * e;
  }
  return sse;
}

/** Doubles a kept path needs for a series of length n. */
export const trendPathSize = (n: number): number => 2 * n + 2;

export function runTrendFilter(
  values: readonly number[],
  p: TrendParams,
  keepPath: boolean,
  memory: Float64Array = new Float64Array(keepPath ? trendPathSize(values.length) : 0),
): TrendPath {
  const n = values.length;
  const level = memory.subarray(0, keepPath ? n + 1 : 0);
  const trend = memory.subarray(keepPath ? n + 1 : 0);
  let l = values[0] ?? 0;
  let b = initialTrend(values);
  let sse = 0;
  if (keepPath) {
    level[0] = l;
    trend[0] = 0;
    level[1] = l;
    trend[1] = b;
  }
  for (let t = 1; t < n; t++) {
    const yhat = l + p.phi * b;
    const e = values[t]! - yhat;
    sse += e * e;
    l = yhat + p.alpha * e;
    b = p.phi * b + p.beta * e;
    if (keepPath) {
      level[t + 1] = l;
      trend[t + 1] = b;
    }
  }
  return { level, trend, sse };
}

/** Point forecasts from a stored state: l + (φ + φ² + … + φ^k)·b. */
export function trendForecast(l: number, b: number, phi: number, horizon: number): number[] {
  const out = doubleArray(horizon);
  let damp = 0;
  let power = 1;
  for (let k = 0; k < horizon; k++) {
    power *= phi;
    damp += power;
    out[k] = l + damp * b;
  }
  return out;
}
