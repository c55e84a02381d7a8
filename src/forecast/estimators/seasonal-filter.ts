import type { SeasonForm, SeasonalStart } from './seasonal-init.ts';

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
 * The optimizer's objective: the same recursions as runSeasonalFilter without storing
 * the path, with parameters in locals and seasons in a ring buffer, because it runs
 * ~100 times per series and dominates the cost of automatic selection.
 */
export function seasonalSse(
  values: readonly number[],
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
  if (p.form === 'additive') {
    for (let t = 0; t < values.length; t++) {
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
  for (let t = 0; t < values.length; t++) {
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

export function runSeasonalFilter(
  values: readonly number[],
  m: number,
  start: SeasonalStart,
  p: SeasonalParams,
  keepPath: boolean,
): SeasonalPath {
  const n = values.length;
  const size = keepPath ? n + 1 : 0;
  const level = new Float64Array(size);
  const trend = new Float64Array(size);
  const season = new Float64Array(n + m);
  for (let i = 0; i < m; i++) season[i] = start.season[i]!;
  let l = start.level;
  let b = start.trend;
  let sse = 0;
  const multiplicative = p.form === 'multiplicative';
  if (keepPath) {
    level[0] = l;
    trend[0] = b;
  }
  for (let t = 0; t < n; t++) {
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
    if (keepPath) {
      level[t + 1] = l;
      trend[t + 1] = b;
    }
  }
  return { level, trend, season, sse };
}

/** Forecasts made after `origin` observations; season index per the layout above. */
export function seasonalForecast(path: SeasonalPath, m: number, p: SeasonalParams, origin: number, horizon: number): number[] {
  const out = new Array<number>(horizon);
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
