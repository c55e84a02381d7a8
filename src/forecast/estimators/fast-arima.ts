import type { FittedModel } from '../types.ts';
import { fastArimaModel } from './fast-arima-model.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';

const clamp = (v: number): number => (Number.isFinite(v) ? Math.max(-0.95, Math.min(0.95, v)) : 0);

const systemScratch = new Float64Array(12);

/**
 * Solves the 3×3 normal equations (XᵀX)b = Xᵀy (a row-major with the right-hand side as
 * a 4th column) by Gaussian elimination with partial pivoting, in place; a tiny ridge keeps
 * a singular system (a regressor that is all zeros) solvable, with that coefficient 0.
 */
function solve3(a: Float64Array): [number, number, number] {
  for (let i = 0; i < 3; i++) a[5 * i]! += 1e-9 * (1 + Math.abs(a[5 * i]!));
  for (let c = 0; c < 3; c++) {
    let pivot = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(a[4 * r + c]!) > Math.abs(a[4 * pivot + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < 4; k++) {
        const swap = a[4 * c + k]!;
        a[4 * c + k] = a[4 * pivot + k]!;
        a[4 * pivot + k] = swap;
      }
    }
    for (let r = c + 1; r < 3; r++) {
      const f = a[4 * r + c]! / a[4 * c + c]!;
      for (let k = c; k < 4; k++) a[4 * r + k]! -= f * a[4 * c + k]!;
    }
  }
  const x2 = a[11]! / a[10]!;
  const x1 = (a[7]! - a[6]! * x2) / a[5]!;
  const x0 = (a[3]! - a[1]! * x1 - a[2]! * x2) / a[0]!;
  return [x0, x1, x2];
}

const acfScratch = new ScratchBuffer();
const coefScratch = new ScratchBuffer();
const previousScratch = new ScratchBuffer();
const seriesScratch = new ScratchBuffer();
const residualScratch = new ScratchBuffer();

/** Σ_t w[t]·w[t−lag] with four partial sums, so the additions do not wait on each other. */
function lagProduct(w: Float64Array, lag: number): number {
  const n = w.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = lag;
  for (; t + 3 < n; t += 4) {
    s0 += w[t]! * w[t - lag]!;
    s1 += w[t + 1]! * w[t + 1 - lag]!;
    s2 += w[t + 2]! * w[t + 2 - lag]!;
    s3 += w[t + 3]! * w[t + 3 - lag]!;
  }
  for (; t < n; t++) s0 += w[t]! * w[t - lag]!;
  return s0 + s1 + s2 + s3;
}

/** AR(k) coefficients of a centred series by Levinson–Durbin on its autocovariances (scratch memory). */
function levinson(w: Float64Array, k: number): Float64Array {
  const n = w.length;
  const r = acfScratch.take(k + 1);
  for (let lag = 0; lag <= k; lag++) r[lag] = lagProduct(w, lag) / n;
  const a = coefScratch.take(k + 1).fill(0);
  const prev = previousScratch.take(k + 1);
  let err = r[0]!;
  if (!(err > 0)) return a;
  for (let i = 1; i <= k; i++) {
    let acc = r[i]!;
    for (let j = 1; j < i; j++) acc -= a[j]! * r[i - j]!;
    const kappa = acc / err;
    prev.set(a);
    a[i] = kappa;
    for (let j = 1; j < i; j++) a[j] = prev[j]! - kappa * prev[i - j]!;
    err *= 1 - kappa * kappa;
    if (!(err > 0)) break;
  }
  return a;
}

/** Zeros kept before the differenced series, so an unrolled 8-lag sum never reads before its start. */
const PAD = 8;

/**
 * ê_t = w_t − Σ_{j≤k} a_j·w_{t−j} (0 before t = k), in scratch memory; `padded` holds w
 * after PAD zeros. Up to 8 lags (weekly data: k = m + 1 = 8; no cycle: 6) the sum is
 * unrolled with missing lags as 0 (the loop over the lags per step cost 3x the
 * arithmetic, and one path for both cases compiles once).
 */
function longAutoregressionResiduals(padded: Float64Array, length: number, a: Float64Array, k: number): Float64Array {
  const e = residualScratch.take(length).fill(0, 0, k);
  if (k <= PAD) {
    const at = (j: number): number => (j <= k ? a[j]! : 0);
    const a1 = at(1), a2 = at(2), a3 = at(3), a4 = at(4), a5 = at(5), a6 = at(6), a7 = at(7), a8 = at(8);
    for (let t = k, i = k + PAD; t < length; t++, i++) {
      const near = a1 * padded[i - 1]! + a2 * padded[i - 2]! + a3 * padded[i - 3]! + a4 * padded[i - 4]!;
      const far = a5 * padded[i - 5]! + a6 * padded[i - 6]! + a7 * padded[i - 7]! + a8 * padded[i - 8]!;
      e[t] = padded[i]! - (near + far);
    }
    return e;
  }
  for (let t = k; t < length; t++) {
    let pred = 0;
    for (let j = 1; j <= k; j++) pred += a[j]! * padded[PAD + t - j]!;
    e[t] = padded[PAD + t]! - pred;
  }
  return e;
}

/**
 * ARIMA(1,0,1)(0,1,1)m (weekly-differenced, with short AR/MA and a seasonal MA) or, without
 * a cycle, ARIMA(1,0,1) with a mean, estimated by Hannan–Rissanen: a long autoregression
 * gives residual estimates, then one least-squares regression on lagged values and those
 * residuals gives the ARMA coefficients. No iterative likelihood search: it costs two small
 * regressions, so the engine can afford it for every series (CSS by Nelder–Mead, in
 * arima.ts, is the slower and slightly sharper alternative used where time allows).
 */
export function fitFastArima(values: readonly number[], seasonPeriod: number, seasonal: boolean): FittedModel {
  const m = seasonal ? Math.max(2, Math.floor(seasonPeriod)) : 1;
  const D = seasonal ? 1 : 0;
  const n = values.length;
  const start = D * m;
  const padded = seriesScratch.take(PAD + Math.max(0, n - start)).fill(0, 0, PAD);
  const w = padded.subarray(PAD);
  // w_t = y_t − D·y_{t−m}: one expression with and without the seasonal difference.
  const lag = D * m;
  let mean = 0;
  for (let t = start; t < n; t++) {
    w[t - start] = values[t]! - D * values[t - lag]!;
    mean += w[t - start]!;
  }
  mean = w.length > 0 ? mean / w.length : 0;
  const centre = D ? 0 : mean;
  if (centre !== 0) for (let t = 0; t < w.length; t++) w[t]! -= centre;
  const longK = Math.min(seasonal ? m + 1 : 6, Math.floor(w.length / 4));
  if (longK < 2 || w.length < 3 * (m + 1)) {
    return fastArimaModel(values, m, seasonal, 0, 0, D ? 0 : mean);
  }
  const a = levinson(w, longK);
  const e = longAutoregressionResiduals(padded, w.length, a, longK);
  // Second stage: w_t on w_{t−1}, ê_{t−1} and (seasonal) ê_{t−m}; sums kept in locals.
  let s00 = 0, s01 = 0, s02 = 0, s11 = 0, s12 = 0, s22 = 0, r0 = 0, r1 = 0, r2 = 0;
  for (let t = longK + m; t < w.length; t++) {
    const x0 = w[t - 1]!;
    const x1 = e[t - 1]!;
    const x2 = D ? e[t - m]! : 0;
    const y = w[t]!;
    s00 += x0 * x0;
    s01 += x0 * x1;
    s02 += x0 * x2;
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    r0 += x0 * y;
    r1 += x1 * y;
    r2 += x2 * y;
  }
  systemScratch.set([s00, s01, s02, r0, s01, s11, s12, r1, s02, s12, s22, r2]);
  const [b0, b1, b2] = solve3(systemScratch);
  const phi = clamp(b0);
  return fastArimaModel(values, m, seasonal, phi, clamp(b1), D ? clamp(b2) : mean * (1 - phi));
}
