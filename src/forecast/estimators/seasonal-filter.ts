import type { SeasonForm, SeasonalStart } from './seasonal-init.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';
import { doubleArray } from '../double-array.ts';

const stateScratch = new ScratchBuffer();

/**
 * Holt–Winters in ETS error-correction form with additive (optionally damped) trend:
 *   additive season:       ŷ = l + φb + s,      l ← l + φb + αe,   b ← φb + βe,   s ← s + γe
 *   multiplicative season: ŷ = (l + φb)·s,      l ← l + φb + αe/s, b ← φb + βe/s, s ← s + γe/(l + φb)
 * Seasonal values live in one flat array: season[t] is s for time t−m (the m starting
 * indices first), season[m + t] is s after observing y[t]; so one pass stores everything
 * a rolling-origin backtest needs.
 */
export interface SeasonalParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
  readonly form: SeasonForm;
}

export interface SeasonalPath {
  readonly level: Float64Array;
  readonly trend: Float64Array;
  readonly season: Float64Array;
  readonly sse: number;
}

/**
 * The optimizer's objective, the one-step SSE of values[from..): the same recursions as
 * runSeasonalFilter without storing the path, with parameters in locals and seasons in a
 * ring buffer, because it runs ~30 times per series and dominates the cost of automatic
 * selection. (Taking `from` instead of a slice saves a copy per fit.)
 */
export function seasonalSse(
  values: readonly number[],
  from: number,
  m: number,
  start: SeasonalStart,
  p: SeasonalParams,
  ring: Float64Array,
): number {
  for (let i = 0; i < m; i++) ring[i] = start.season[i]!;
  const { alpha, beta, gamma, phi } = p;
  let l = start.level;
  let b = start.trend;
  let sse = 0;
  let j = 0;
  if (p.form === 'additive' && beta === 0 && phi === 1 && b === 0) {
    // No trend (seasonal SES): the trend stays exactly 0, so dropping it changes no bit,
    // but it takes the trend's recursion off the loop's critical path: each step waits on
    // the previous one, and that chain is what an evaluation costs (~1.5x faster).
    for (let t = from; t < values.length; t++) {
      const s = ring[j]!;
      const e = values[t]! - l - s;
      sse += e * e;
      l = l + alpha * e;
      ring[j] = s + gamma * e;
      if (++j === m) j = 0;
    }
    return sse;
  }
  if (p.form === 'additive') {
    for (let t = from; t < values.length; t++) {
      const s = ring[j]!;
      const base = l + phi * b;
      const e = values[t]! - base - s;
      sse += e * e;
      l = base + alpha * e;
      b = phi * b + beta * e;
      ring[j] = s + gamma * e;
      if (++j === m) j = 0;
    }
    return sse;
  }
  for (let t = from; t < values.length; t++) {
    const s = ring[j]!;
    const base = l + phi * b;
    const e = values[t]! - base * s;
    sse += e * e;
    const sSafe = s > 1e-8 ? s : 1e-8;
    l = base + (alpha * e) / sSafe;
    b = phi * b + (beta * e) / sSafe;
    ring[j] = s + (base > 1e-8 ? (gamma * e) / base : 0);
    if (++j === m) j = 0;
  }
  return sse;
}

/** Doubles runSeasonalFilter needs for a series of length n. */
export const seasonalPathSize = (n: number, m: number): number => 3 * n + 2 + m;

/**
 * The states after each prefix of values[0..end): what forecastAt reads. Level, trend
 * and season are views of `memory` (seasonalPathSize doubles; see SharedPath for why).
 */
export function runSeasonalFilter(
  values: readonly number[],
  m: number,
  start: SeasonalStart,
  p: SeasonalParams,
  memory: Float64Array = new Float64Array(seasonalPathSize(values.length, m)),
  end = values.length,
): SeasonalPath {
  const n = values.length;
  const level = memory.subarray(0, n + 1);
  const trend = memory.subarray(n + 1, 2 * n + 2);
  const season = memory.subarray(2 * n + 2);
  for (let i = 0; i < m; i++) season[i] = start.season[i]!;
  level[0] = start.level;
  trend[0] = start.trend;
  let l = start.level;
  let b = start.trend;
  let sse = 0;
  const multiplicative = p.form === 'multiplicative';
  for (let t = 0; t < end; t++) {
    const s = season[t]!;
    const base = l + p.phi * b;
    const yhat = multiplicative ? base * s : base + s;
    const e = values[t]! - yhat;
    sse += e * e;
    if (multiplicative) {
      const sSafe = s > 1e-8 ? s : 1e-8;
      l = base + (p.alpha * e) / sSafe;
      b = p.phi * b + (p.beta * e) / sSafe;
      season[m + t] = s + (base > 1e-8 ? (p.gamma * e) / base : 0);
    } else {
      l = base + p.alpha * e;
      b = p.phi * b + p.beta * e;
      season[m + t] = s + p.gamma * e;
    }
    level[t + 1] = l;
    trend[t + 1] = b;
  }
  return { level, trend, season, sse };
}

/**
 * The state after the first `end` observations (season indices for times end … end+m−1):
 * where a parameter search over the recent window starts. The path goes to scratch memory.
 */
export function seasonalStateAt(
  values: readonly number[],
  end: number,
  m: number,
  start: SeasonalStart,
  p: SeasonalParams,
): SeasonalStart {
  const memory = stateScratch.take(seasonalPathSize(values.length, m));
  const path = runSeasonalFilter(values, m, start, p, memory, end);
  // A plain loop: Array.from on a typed array takes a slow generic path.
  const season = doubleArray(m);
  for (let i = 0; i < m; i++) season[i] = path.season[end + i]!;
  return { level: path.level[end]!, trend: path.trend[end]!, season };
}

/** Forecasts made after `origin` observations; season index per the layout above. */
export function seasonalForecast(path: SeasonalPath, m: number, p: SeasonalParams, origin: number, horizon: number): number[] {
  const out = doubleArray(horizon);
  const l = path.level[origin]!;
  const b = path.trend[origin]!;
  let damp = 0;
  let power = 1;
  for (let k = 1; k <= horizon; k++) {
    power *= p.phi;
    damp += power;
    const s = path.season[m + origin + k - 1 - m * Math.ceil(k / m)]!;
    const base = l + damp * b;
    out[k - 1] = p.form === 'multiplicative' ? base * s : base + s;
  }
  return out;
}

/** The one-step forecast of y[t] (what the filter predicted before seeing it). */
export function seasonalOneStep(path: SeasonalPath, p: SeasonalParams, t: number): number {
  const base = path.level[t]! + p.phi * path.trend[t]!;
  const s = path.season[t]!;
  return p.form === 'multiplicative' ? base * s : base + s;
}
