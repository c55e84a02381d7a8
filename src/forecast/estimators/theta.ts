import type { FittedModel } from '../types.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';
import { SharedPath } from './shared-path.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

/** The level path and prefix sums of the theta model being scored (see SharedPath). */
const sharedPath = new SharedPath<ThetaPath>();
/** The seasonally adjusted series of the fit (not kept: the path recomputes it). */
const adjustedScratch = new ScratchBuffer();

/**
 * Multiplicative weekday (season) indices from whole cycles: phase mean / overall mean.
 * Null when there is no cycle to remove, or a phase is so small that dividing by it would
 * blow the adjusted series up (a weekday that almost never sells): the theta line then
 * runs on the raw series.
 */
export function seasonIndices(values: readonly number[], m: number): number[] | null {
  if (m < 2 || values.length < 2 * m) return null;
  const sums = doubleArray(m);
  const counts = doubleArray(m);
  // A phase counter instead of t % m: an integer division per value was a visible cost.
  for (let t = values.length % m, phase = t % m; t < values.length; t++) {
    sums[phase]! += values[t]!;
    counts[phase]!++;
    if (++phase === m) phase = 0;
  }
  let overall = 0;
  for (let i = 0; i < m; i++) overall += sums[i]! / counts[i]!;
  overall /= m;
  if (!(overall > 0)) return null;
  const indices = doubleArray(m);
  for (let i = 0; i < m; i++) {
    indices[i] = sums[i]! / counts[i]! / overall;
    if (!(indices[i]! >= 0.2)) return null;
  }
  return indices;
}

/**
 * One-step SSE of simple exponential smoothing for four smoothing weights in one pass:
 * each weight's recursion waits on its own previous step, so four independent ones run
 * side by side for little more than the price of one.
 */
function sesSse4(x: Float64Array, alphas: Float64Array, sse: Float64Array): void {
  const a0 = alphas[0]!;
  const a1 = alphas[1]!;
  const a2 = alphas[2]!;
  const a3 = alphas[3]!;
  let l0 = x[0]!;
  let l1 = l0;
  let l2 = l0;
  let l3 = l0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 1; t < x.length; t++) {
    const v = x[t]!;
    const e0 = v - l0;
    const e1 = v - l1;
    const e2 = v - l2;
    const e3 = v - l3;
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    s3 += e3 * e3;
    l0 += a0 * e0;
    l1 += a1 * e1;
    l2 += a2 * e2;
    l3 += a3 * e3;
  }
  sse[0] = s0;
  sse[1] = s1;
  sse[2] = s2;
  sse[3] = s3;
}

const alphaScratch = new Float64Array(4);
const sseScratch = new Float64Array(4);

/**
 * The SES weight in [lo, hi] with the lowest one-step SSE, by zooming grids: four points
 * split the interval in fifths, the next interval spans the best point's neighbours, five
 * times (final spacing ≈ 0.005 on [0.01, 0.99], like 12 golden-section steps, at the cost
 * of ~5 passes over the data instead of 12).
 */
export function sesAlphaSearch(x: Float64Array, lo: number, hi: number, passes = 5): number {
  let a = lo;
  let b = hi;
  let best = (lo + hi) / 2;
  let bestSse = Infinity;
  for (let pass = 0; pass < passes; pass++) {
    const step = (b - a) / 5;
    for (let i = 0; i < 4; i++) alphaScratch[i] = a + (i + 1) * step;
    sesSse4(x, alphaScratch, sseScratch);
    let k = 0;
    for (let i = 1; i < 4; i++) if (sseScratch[i]! < sseScratch[k]!) k = i;
    if (sseScratch[k]! < bestSse) {
      bestSse = sseScratch[k]!;
      best = alphaScratch[k]!;
    }
    a = best - step;
    b = best + step;
  }
  return best;
}

interface ThetaPath {
  /** level[t]: the SES level after t observations of the adjusted series. */
  readonly level: Float64Array;
  /** Prefix sums of x[t] and t·x[t] over the adjusted series, for the slope at any origin. */
  readonly sumY: Float64Array;
  readonly sumTY: Float64Array;
}

/** values / season index; one code path with or without a cycle (indices of 1), see fitTheta. */
function adjust(values: readonly number[], indices: readonly number[], m: number, x: Float64Array): Float64Array {
  for (let t = 0, phase = 0; t < values.length; t++) {
    x[t] = values[t]! / indices[phase]!;
    if (++phase === m) phase = 0;
  }
  return x;
}

function runThetaPath(values: readonly number[], indices: readonly number[], m: number, alpha: number, memory: Float64Array): ThetaPath {
  const n = values.length;
  const x = adjust(values, indices, m, memory.subarray(3 * n + 3));
  const level = memory.subarray(0, n + 1);
  const sumY = memory.subarray(n + 1, 2 * n + 2);
  const sumTY = memory.subarray(2 * n + 2, 3 * n + 3);
  level[0] = x[0] ?? 0;
  sumY[0] = 0;
  sumTY[0] = 0;
  if (n > 0) level[1] = level[0];
  for (let t = 0; t < n; t++) {
    if (t >= 1) level[t + 1] = level[t]! + alpha * (x[t]! - level[t]!);
    sumY[t + 1] = sumY[t]! + x[t]!;
    sumTY[t + 1] = sumTY[t]! + t * x[t]!;
  }
  return { level, sumY, sumTY };
}

/** Least-squares slope of x[0..o) on t from its prefix sums (0 below three points). */
function slopeFrom(sumY: number, sumTY: number, o: number): number {
  if (o < 3) return 0;
  const meanT = (o - 1) / 2;
  const sxx = (o * (o * o - 1)) / 12;
  return (sumTY - meanT * sumY) / sxx;
}

/**
 * The theta method (Assimakopoulos & Nikolopoulos 2000) in its state-space form: simple
 * exponential smoothing plus a drift from the least-squares slope b (Hyndman & Billah
 * 2003: ŷ(k) = ℓ + w·b·(k − 1 + 1/α − (1 − α)^n/α)), on the seasonally adjusted series,
 * re-seasonalised with multiplicative indices. The classic method fixes w = 1/2 (θ = 2);
 * here the weight w = 1 − 1/θ (param `drift`) is optimised (the "optimised theta method" of Fiorucci et al. 2016) in
 * closed form: one-step errors are linear in w, so least squares gives it, clamped to
 * [0, 1]. The slope at every origin comes from prefix sums of the data before it, so a
 * backtest origin never sees later data through the drift.
 */
export function fitTheta(values: readonly number[], seasonPeriod: number, seasonal = true): FittedModel {
  const n = values.length;
  const m = Math.max(1, Math.floor(seasonPeriod));
  const found = seasonal ? seasonIndices(values, m) : null;
  // Without a cycle the indices are all 1 (period 1): seasonal and plain series share every
  // loop, so each compiles once (a branch first met after optimisation costs a recompile).
  const period = found ? m : 1;
  const indices = found ?? doubleArray(1, 1);
  const x = adjust(values, indices, period, adjustedScratch.take(n));
  const alpha = n > 1 ? sesAlphaSearch(x, 0.01, 0.99) : 0.5;
  // Least-squares drift weight over one-step forecasts, e_t = (x_t − ℓ_t) − w·b_t·c_t, in
  // one streaming pass: level and prefix sums as running values.
  let num = 0;
  let den = 0;
  let levelT = x[0] ?? 0;
  let sumY = 0;
  let sumTY = 0;
  let decay = 1;
  for (let t = 0; t < n; t++) {
    // Here levelT is the level after t observations, sumY/sumTY cover x[0..t).
    if (t >= 3) {
      const d = slopeFrom(sumY, sumTY, t) * (1 / alpha - decay / alpha);
      num += (x[t]! - levelT) * d;
      den += d * d;
    }
    if (t >= 1) levelT += alpha * (x[t]! - levelT);
    sumY += x[t]!;
    sumTY += t * x[t]!;
    decay *= 1 - alpha;
  }
  const weight = den > 0 ? Math.max(0, Math.min(1, num / den)) : 0.5;
  const owner = {};
  const pathOf = (): ThetaPath => sharedPath.get(owner, 4 * n + 3, (memory) => runThetaPath(values, indices, period, alpha, memory));
  const driftFactor = (o: number): number => 1 / alpha - (1 - alpha) ** o / alpha;
  return new Fitted({
    method: 'theta',
    params: { alpha, drift: weight, seasonal: found ? 1 : 0 },
    minOrigin: Math.min(n, Math.max(3, found ? 2 * m : 3)),
    residuals: () => {
      const { level } = pathOf();
      return Array.from({ length: Math.max(0, n - 1) }, (_, i) => values[i + 1]! - level[i + 1]! * indices[(i + 1) % period]!);
    },
    forecastAt: (origin, horizon) => {
      const { level, sumY: sy, sumTY: sty } = pathOf();
      const o = Math.max(1, Math.min(origin, n));
      const b = weight * slopeFrom(sy[o]!, sty[o]!, o);
      const base = driftFactor(o);
      const out = doubleArray(horizon);
      const l = level[o]!;
      for (let k = 0, phase = o % period; k < horizon; k++) {
        out[k] = (l + b * (k + base)) * indices[phase]!;
        if (++phase === period) phase = 0;
      }
      return out;
    },
  });
}
