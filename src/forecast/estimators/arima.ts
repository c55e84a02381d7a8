import type { FittedModel } from '../types.ts';
import { nelderMeadMinimize } from '../optimize/nelder-mead.ts';
import { Fitted } from './fitted-model.ts';

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

/** Conditional sum of squares: residuals are 0 before the first full set of lags. */
function residualPath(values: readonly number[], ar: readonly number[], ma: readonly number[], c: number, out: Float64Array | null): number {
  const n = values.length;
  const start = ar.length;
  const e = out ?? new Float64Array(n);
  let sse = 0;
  for (let t = 0; t < n; t++) {
    if (t < start) {
      e[t] = 0;
      continue;
    }
    let pred = c;
    for (let i = 0; i < ar.length; i++) pred += ar[i]! * values[t - 1 - i]!;
    for (let j = 0; j < ma.length && j < t; j++) pred += ma[j]! * e[t - 1 - j]!;
    const r = values[t]! - pred;
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
    return residualPath(values, ar, ma, c, memory);
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
  let residuals: Float64Array | undefined;
  const residualsOf = (): Float64Array => (residuals ??= (() => {
    const e = new Float64Array(n);
    residualPath(values, ar, ma, c, e);
    return e;
  })());
  const { p, d, q, P, D, Q, m } = fit.order;
  const params: Record<string, number> = { p, d, q, P, D, Q, m };
  fit.params.forEach((v, i) => (params[`coef${String(i + 1)}`] = v));
  return new Fitted({
    method: 'arima',
    params,
    minOrigin: Math.min(n, ar.length + 1),
    residuals: () => Array.from(residualsOf().subarray(ar.length)),
    forecastAt: (origin, horizon) => {
      const out = new Array<number>(horizon);
      if (origin < ar.length) return out.fill(values[origin - 1] ?? 0);
      const e = residualsOf();
      // y over [origin − p, origin + horizon) in one buffer: history, then the forecasts.
      const p = ar.length;
      const y = forecastScratch(p + horizon);
      for (let i = 0; i < p; i++) y[i] = values[origin - p + i]!;
      for (let k = 0; k < horizon; k++) {
        let pred = c;
        for (let i = 0; i < p; i++) pred += ar[i]! * y[p + k - 1 - i]!;
        for (let j = k; j < ma.length; j++) {
          const s = origin + k - 1 - j;
          if (s >= 0) pred += ma[j]! * e[s]!;
        }
        y[p + k] = pred;
        out[k] = pred;
      }
      return out;
    },
  });
}

export { orderName };
