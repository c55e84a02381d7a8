import type { FittedModel } from '../types.ts';
import { nelderMeadMinimize } from '../optimize/nelder-mead.ts';
import { Fitted } from './fitted-model.ts';
import { SharedPath } from './shared-path.ts';
import { doubleArray } from '../double-array.ts';

/** The residual path of the ARIMA model being scored (see SharedPath). */
const sharedResiduals = new SharedPath<Float64Array>();

/** ARIMA(p,d,q)(P,D,Q)m orders; p, q ≤ 2 and P, Q ≤ 1 keep the search small. */
export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
  readonly P: number;
  readonly D: number;
  readonly Q: number;
  readonly m: number;
}

/** Multiplies two lag polynomials given as coefficient arrays (index = lag, [0] = 1). */
function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j]! += a[i]! * b[j]!;
  return out;
}

function seasonalPoly(coef: number, m: number, sign: number): number[] {
  const out = new Array<number>(m + 1).fill(0);
  out[0] = 1;
  out[m] = sign * coef;
  return out;
}

/** Parameter vector layout: φ1..φp, θ1..θq, Φ1?, Θ1?, c? (c only without differencing). */
export function parameterCount(order: ArimaOrder): number {
  return order.p + order.q + order.P + order.Q + (order.d + order.D === 0 ? 1 : 0);
}

/**
 * The model in y-space: y_t = c + Σ ar[i]·y_{t−1−i} + Σ ma[j]·e_{t−1−j} + e_t, where `ar`
 * folds differencing and seasonal AR into one (non-stationary) polynomial. One recursion
 * then serves fitting, residuals and forecasting from any origin.
 */
export function expand(order: ArimaOrder, x: ArrayLike<number>): { ar: number[]; ma: number[]; c: number } {
  const { p, q, P, Q, d, D, m } = order;
  let arPoly = [1];
  for (let i = 0; i < p; i++) arPoly[i + 1] = -x[i]!;
  if (P > 0) arPoly = multiply(arPoly, seasonalPoly(x[p + q]!, m, -1));
  for (let i = 0; i < d; i++) arPoly = multiply(arPoly, [1, -1]);
  for (let i = 0; i < D; i++) arPoly = multiply(arPoly, seasonalPoly(1, m, -1));
  let maPoly = [1];
  for (let j = 0; j < q; j++) maPoly[j + 1] = x[p + j]!;
  if (Q > 0) maPoly = multiply(maPoly, seasonalPoly(x[p + q + P]!, m, 1));
  const c = d + D === 0 ? x[p + q + P + Q]! : 0;
  return { ar: arPoly.slice(1).map((v) => -v), ma: maPoly.slice(1), c };
}

/** Stationary and invertible for orders ≤ 2 (the triangle conditions), seasonal |·| < 1. */
function admissible(order: ArimaOrder, x: ArrayLike<number>): boolean {
  const inTriangle = (a1: number, a2: number): boolean => Math.abs(a2) < 0.99 && a1 + a2 < 0.99 && a2 - a1 < 0.99;
  const { p, q, P, Q } = order;
  if (p === 1 && Math.abs(x[0]!) >= 0.99) return false;
  if (p === 2 && !inTriangle(x[0]!, x[1]!)) return false;
  // MA: invertible iff −θ satisfies the AR conditions.
  if (q === 1 && Math.abs(x[p]!) >= 0.99) return false;
  if (q === 2 && !inTriangle(-x[p]!, -x[p + 1]!)) return false;
  if (P > 0 && Math.abs(x[p + q]!) >= 0.99) return false;
  if (Q > 0 && Math.abs(x[p + q + P]!) >= 0.99) return false;
  return true;
}

/**
 * The non-zero terms of a y-space lag polynomial (coefficient i is lag i + 1), longest lag
 * first. A seasonal ARIMA(1,0,1)(0,1,1)7 expands to 8 AR and 8 MA lags of which only 3 each
 * are non-zero: skipping the zeros made the residual pass ~3x cheaper, and adding the
 * shortest MA lag (the previous residual) last keeps it at the end of each step's chain of
 * additions, so the loop waits on the previous step as briefly as possible.
 */
export interface LagTerms {
  readonly lags: readonly number[];
  readonly coefs: readonly number[];
}

/** Plain arrays: a typed array's allocation (~1 µs) cost more than reading these few terms. */
export function lagTerms(coefs: readonly number[]): LagTerms {
  const lags: number[] = [];
  const out: number[] = [];
  for (let lag = coefs.length; lag >= 1; lag--) {
    const c = coefs[lag - 1]!;
    if (c === 0) continue;
    lags.push(lag);
    out.push(c);
  }
  return { lags, coefs: out };
}

/**
 * Conditional sum of squares: residuals are 0 before the first full set of lags (`start`,
 * the AR polynomial's length), and MA terms reach back only to the series start.
 */
function residualPath(values: readonly number[], ar: LagTerms, start: number, ma: LagTerms, c: number, e: Float64Array): number {
  const n = values.length;
  const first = Math.min(n, start);
  for (let t = 0; t < first; t++) e[t] = 0;
  const { lags: arLags, coefs: arCoefs } = ar;
  const { lags: maLags, coefs: maCoefs } = ma;
  const na = arLags.length;
  const nm = maLags.length;
  if (na <= 3 && nm <= 3 && first >= 1 && (nm === 0 || maLags[0]! <= first)) return shortResidualPath(values, ar, ma, c, first, e);
  let sse = 0;
  for (let t = first; t < n; t++) {
    let pred = c;
    for (let i = 0; i < na; i++) pred += arCoefs[i]! * values[t - arLags[i]!]!;
    for (let j = 0; j < nm; j++) {
      const s = t - maLags[j]!;
      if (s >= 0) pred += maCoefs[j]! * e[s]!;
    }
    const r = values[t]! - pred;
    e[t] = r;
    sse += r * r;
  }
  return sse;
}

/** Term i of a padded 3-term view: missing leading terms read lag 1 with coefficient 0. */
function lagAt(terms: LagTerms, i: number): number {
  const j = i - (3 - terms.lags.length);
  return j >= 0 ? terms.lags[j]! : 1;
}
function coefAt(terms: LagTerms, i: number): number {
  const j = i - (3 - terms.coefs.length);
  return j >= 0 ? terms.coefs[j]! : 0;
}

/**
 * residualPath for at most three AR and three MA terms (every order the engine and the
 * reference AutoARIMA fit), unrolled with lags and coefficients in locals: the general
 * loop's short inner loops cost more than their arithmetic (~35 ns a step against ~5).
 * Needs every MA lag ≤ first, so no residual before the series start is read.
 */
function shortResidualPath(values: readonly number[], ar: LagTerms, ma: LagTerms, c: number, first: number, e: Float64Array): number {
  const a0 = coefAt(ar, 0);
  const a1 = coefAt(ar, 1);
  const a2 = coefAt(ar, 2);
  const p0 = lagAt(ar, 0);
  const p1 = lagAt(ar, 1);
  const p2 = lagAt(ar, 2);
  const m0 = coefAt(ma, 0);
  const m1 = coefAt(ma, 1);
  const m2 = coefAt(ma, 2);
  const q0 = lagAt(ma, 0);
  const q1 = lagAt(ma, 1);
  const q2 = lagAt(ma, 2);
  let sse = 0;
  for (let t = first; t < values.length; t++) {
    // The shortest MA lag (q2, usually the previous residual) last: the rest need not wait for it.
    const known = c + a0 * values[t - p0]! + a1 * values[t - p1]! + a2 * values[t - p2]! + m0 * e[t - q0]! + m1 * e[t - q1]!;
    const r = values[t]! - known - m2 * e[t - q2]!;
    e[t] = r;
    sse += r * r;
  }
  return sse;
}

const forecastBuffer = { buffer: new Float64Array(512) };
function forecastScratch(n: number): Float64Array {
  if (forecastBuffer.buffer.length < n) forecastBuffer.buffer = new Float64Array(2 * n);
  return forecastBuffer.buffer;
}

const pathScratch = { buffer: new Float64Array(512) };
function scratch(n: number): Float64Array {
  if (pathScratch.buffer.length < n) pathScratch.buffer = new Float64Array(2 * n);
  return pathScratch.buffer;
}

export interface ArimaFit {
  readonly order: ArimaOrder;
  readonly params: number[];
  readonly sse: number;
  /** Effective observations of the CSS objective. */
  readonly used: number;
}

/** CSS estimate of one order by Nelder–Mead (inadmissible points are rejected by a penalty). */
export function fitArimaOrder(values: readonly number[], order: ArimaOrder, maxEvaluations = 80): ArimaFit {
  const k = parameterCount(order);
  const differenced = order.d + order.D > 0;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const start = new Array<number>(k).fill(0.1);
  if (!differenced) start[k - 1] = mean * (1 - (order.p > 0 ? 0.1 : 0) - (order.P > 0 ? 0.1 : 0));
  const spread = Math.max(1, Math.abs(mean)) * 10;
  const lower = new Array<number>(k).fill(-0.98);
  const upper = new Array<number>(k).fill(0.98);
  if (!differenced) {
    lower[k - 1] = -spread;
    upper[k - 1] = spread;
  }
  const memory = scratch(values.length);
  const objective = (x: Float64Array): number => {
    if (!admissible(order, x)) return Number.MAX_VALUE;
    const { ar, ma, c } = expand(order, x);
    return residualPath(values, lagTerms(ar), ar.length, lagTerms(ma), c, memory);
  };
  const best = nelderMeadMinimize(objective, start, { lower, upper }, { maxEvaluations });
  const span = order.p + order.d + order.m * (order.P + order.D);
  return { order, params: best.x, sse: best.value, used: Math.max(1, values.length - span) };
}

/** AIC of a CSS fit (Gaussian likelihood at the CSS variance), for choosing orders. */
export function aic(fit: ArimaFit): number {
  const k = parameterCount(fit.order) + 1;
  return fit.used * Math.log(Math.max(fit.sse, 1e-12) / fit.used) + 2 * k;
}

const orderName = (o: ArimaOrder): string => `(${o.p},${o.d},${o.q})(${o.P},${o.D},${o.Q})${o.m}`;

/** A fitted order as a FittedModel: residuals once, forecasts from any origin by the recursion. */
export function arimaModel(values: readonly number[], fit: ArimaFit): FittedModel {
  const { ar, ma, c } = expand(fit.order, fit.params);
  const n = values.length;
  const arTerms = lagTerms(ar);
  const maTerms = lagTerms(ma);
  const owner = {};
  const residualsOf = (): Float64Array =>
    sharedResiduals.get(owner, n, (memory) => {
      residualPath(values, arTerms, ar.length, maTerms, c, memory);
      return memory;
    });
  const { p, d, q, P, D, Q, m } = fit.order;
  const params: Record<string, number> = { p, d, q, P, D, Q, m };
  fit.params.forEach((v, i) => (params[`coef${String(i + 1)}`] = v));
  const { lags: arLags, coefs: arCoefs } = arTerms;
  const { lags: maLags, coefs: maCoefs } = maTerms;
  const short = arLags.length <= 3 && maLags.length <= 3 && ar.length >= 1;
  return new Fitted({
    method: 'arima',
    params,
    minOrigin: Math.min(n, ar.length + 1),
    residuals: () => Array.from(residualsOf().subarray(ar.length)),
    forecastAt: (origin, horizon) => {
      const out = doubleArray(horizon);
      if (origin < ar.length) return out.fill(values[origin - 1] ?? 0);
      const e = residualsOf();
      // y over [origin − span, origin + horizon) in one buffer: history, then the forecasts.
      const span = ar.length;
      const y = forecastScratch(span + horizon);
      for (let i = 0; i < span; i++) y[i] = values[origin - span + i]!;
      if (short) return shortForecast(y, span, e, origin, horizon, arTerms, maTerms, c, out);
      for (let k = 0; k < horizon; k++) {
        let pred = c;
        for (let i = 0; i < arLags.length; i++) pred += arCoefs[i]! * y[span + k - arLags[i]!]!;
        // Only residuals before the origin are known; later ones are expected to be 0.
        for (let j = 0; j < maLags.length; j++) {
          const s = origin + k - maLags[j]!;
          if (s < origin && s >= 0) pred += maCoefs[j]! * e[s]!;
        }
        y[span + k] = pred;
        out[k] = pred;
      }
      return out;
    },
  });
}

/**
 * The forecast recursion for at most three AR and MA terms, unrolled like
 * shortResidualPath (the general loop cost ~30 ns a step): y holds the `span` values
 * before the origin and receives the forecasts after them.
 */
function shortForecast(
  y: Float64Array,
  span: number,
  e: Float64Array,
  origin: number,
  horizon: number,
  ar: LagTerms,
  ma: LagTerms,
  c: number,
  out: number[],
): number[] {
  const a0 = coefAt(ar, 0);
  const a1 = coefAt(ar, 1);
  const a2 = coefAt(ar, 2);
  const p0 = lagAt(ar, 0);
  const p1 = lagAt(ar, 1);
  const p2 = lagAt(ar, 2);
  const m0 = coefAt(ma, 0);
  const m1 = coefAt(ma, 1);
  const m2 = coefAt(ma, 2);
  const q0 = lagAt(ma, 0);
  const q1 = lagAt(ma, 1);
  const q2 = lagAt(ma, 2);
  // A residual enters while it is known (before the origin): term j for k < its lag.
  const known = (k: number, lag: number): number => (k < lag && origin + k - lag >= 0 ? e[origin + k - lag]! : 0);
  const reach = Math.max(q0, q1, q2);
  for (let k = 0; k < horizon; k++) {
    let pred = c + a0 * y[span + k - p0]! + a1 * y[span + k - p1]! + a2 * y[span + k - p2]!;
    if (k < reach) pred += m0 * known(k, q0) + m1 * known(k, q1) + m2 * known(k, q2);
    y[span + k] = pred;
    out[k] = pred;
  }
  return out;
}

export { orderName };
