import type { FittedModel } from '../types.ts';
import { Fitted } from './fitted-model.ts';
import { SharedPath } from './shared-path.ts';
import { doubleArray } from '../double-array.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';

/** The residual path of the fast ARIMA model being scored (see SharedPath). */
const sharedResiduals = new SharedPath<Float64Array>();
/** History plus forecasts of one forecastAt call. */
const forecastScratch = new ScratchBuffer();

/**
 * The coefficients of the engine's two ARIMA orders as three lags each, so one small loop
 * serves both: ARIMA(1,0,1)(0,1,1)m expands to
 *   y_t = φ·y_{t−1} + y_{t−m} − φ·y_{t−m−1} + θ·e_{t−1} + Θ·e_{t−m} + θΘ·e_{t−m−1} + e_t,
 * ARIMA(1,0,1) with a constant to y_t = c + φ·y_{t−1} + θ·e_{t−1} + e_t (the other
 * terms get lag 1 and coefficient 0).
 */
interface Recursion {
  readonly c: number;
  /** AR coefficients a0..a2 at lags p0..p2, MA coefficients m0..m2 at lags q0..q2 (q0 = 1). */
  readonly a0: number;
  readonly a1: number;
  readonly a2: number;
  readonly p0: number;
  readonly p1: number;
  readonly p2: number;
  readonly m0: number;
  readonly m1: number;
  readonly m2: number;
  readonly q0: number;
  readonly q1: number;
  readonly q2: number;
  /** Observations before the first residual (the AR polynomial's degree). */
  readonly span: number;
}

function recursionOf(m: number, seasonal: boolean, phi: number, theta: number, third: number): Recursion {
  if (!seasonal) return { c: third, a0: phi, a1: 0, a2: 0, p0: 1, p1: 1, p2: 1, m0: theta, m1: 0, m2: 0, q0: 1, q1: 1, q2: 1, span: 1 };
  return { c: 0, a0: phi, a1: 1, a2: -phi, p0: 1, p1: m, p2: m + 1, m0: theta, m1: third, m2: theta * third, q0: 1, q1: m, q2: m + 1, span: m + 1 };
}

/**
 * Conditional residuals, 0 before `span`. The step's chain of additions ends with the
 * previous residual, so the rest of a step does not wait on the step before it.
 */
function residualPath(values: readonly number[], r: Recursion, e: Float64Array): Float64Array {
  const n = values.length;
  const first = Math.min(n, r.span);
  for (let t = 0; t < first; t++) e[t] = 0;
  const { c, a0, a1, a2, p0, p1, p2, m0, m1, m2, q0, q1, q2 } = r;
  for (let t = first; t < n; t++) {
    const known = c + a1 * values[t - p1]! + a2 * values[t - p2]! + m1 * e[t - q1]! + m2 * e[t - q2]! + a0 * values[t - p0]!;
    e[t] = values[t]! - known - m0 * e[t - q0]!;
  }
  return e;
}

/**
 * The fitted model of fitFastArima: its own small recursion rather than the general
 * polynomial machinery of arima.ts (which the CSS AutoARIMA reference uses), because the
 * engine pays for it in every series and every worker compiles it.
 */
export function fastArimaModel(values: readonly number[], m: number, seasonal: boolean, phi: number, theta: number, third: number): FittedModel {
  const n = values.length;
  const r = recursionOf(m, seasonal, phi, theta, third);
  const owner = {};
  const residualsOf = (): Float64Array => sharedResiduals.get(owner, n, (memory) => residualPath(values, r, memory));
  const params = { p: 1, d: 0, q: 1, P: 0, D: seasonal ? 1 : 0, Q: seasonal ? 1 : 0, m, coef1: phi, coef2: theta, coef3: third };
  return new Fitted({
    method: 'arima',
    params,
    minOrigin: Math.min(n, r.span + 1),
    residuals: () => Array.from(residualsOf().subarray(r.span)),
    forecastAt: (origin, horizon) => forecastFrom(values, r, residualsOf, origin, horizon),
  });
}

/** Forecasts after `origin` observations: residuals from the origin on are expected to be 0. */
function forecastFrom(values: readonly number[], r: Recursion, residualsOf: () => Float64Array, origin: number, horizon: number): number[] {
  const out = doubleArray(horizon);
  if (origin < r.span) return out.fill(values[origin - 1] ?? 0);
  const e = residualsOf();
  const span = r.span;
  // y over [origin − span, origin + horizon): history, then the forecasts.
  const y = forecastScratch.take(span + horizon);
  for (let i = 0; i < span; i++) y[i] = values[origin - span + i]!;
  const { c, a0, a1, a2, p0, p1, p2, m0, m1, m2, q0, q1, q2 } = r;
  for (let k = 0; k < horizon; k++) {
    let pred = c + a0 * y[span + k - p0]! + a1 * y[span + k - p1]! + a2 * y[span + k - p2]!;
    // A residual term enters while its residual is known (before the origin).
    if (k < q0) pred += m0 * e[origin + k - q0]!;
    if (k < q1) pred += m1 * e[origin + k - q1]!;
    if (k < q2) pred += m2 * e[origin + k - q2]!;
    y[span + k] = pred;
    out[k] = pred;
  }
  return out;
}
