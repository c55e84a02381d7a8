import type { FittedModel } from '../types.ts';
import { nelderMeadMinimizeBatch, type NelderMeadBatchObjective } from '../optimize/nelder-mead-batch.ts';
import { SharedPath } from './shared-path.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

const sharedPath = new SharedPath<Float64Array>();

/**
 * TSB (Teunter–Syntetos–Babai): smooth the probability of demand p every period (β) and
 * the demand size z only when demand occurs (α); forecast p·z. Unlike Croston, the
 * forecast decays towards zero while no demand arrives, which suits obsolescence.
 * Start: p = share of periods with demand, z = mean non-zero size (stable for very
 * sparse series, where a first-demand start is a single noisy value). Written into `out`
 * when given.
 */
export function tsbForecasts(values: readonly number[], alpha: number, beta: number, out?: Float64Array): Float64Array {
  const n = values.length;
  const forecasts = out ?? new Float64Array(n + 1);
  let count = 0;
  let total = 0;
  for (const y of values) {
    if (y > 0) {
      count++;
      total += y;
    }
  }
  let p = n > 0 ? count / n : 0;
  let z = count > 0 ? total / count : 0;
  forecasts[0] = p * z;
  for (let t = 0; t < n; t++) {
    const y = values[t]!;
    p += beta * ((y > 0 ? 1 : 0) - p);
    if (y > 0) z += alpha * (y - z);
    forecasts[t + 1] = p * z;
  }
  return forecasts;
}

/** TSB with fixed α, β (exported so tests can pin the parameters). */
export function tsbWithParams(values: readonly number[], alpha: number, beta: number): FittedModel {
  const owner = {};
  const forecastsOf = (): Float64Array =>
    sharedPath.get(owner, values.length + 1, (memory) => tsbForecasts(values, alpha, beta, memory));
  return new Fitted({
    method: 'tsb',
    params: { alpha, beta },
    minOrigin: 1,
    residuals: () => {
      const forecasts = forecastsOf();
      return values.slice(1).map((y, i) => y - forecasts[i + 1]!);
    },
    forecastAt: (origin, horizon) => doubleArray(horizon, forecastsOf()[origin] ?? 0),
  });
}

/**
 * One-step SSE of TSB, Σ over t ≥ 1 of (y[t] − forecast after t observations)², for up to four
 * (α, β) in one pass: per pair the same arithmetic as tsbForecasts, without writing the path,
 * and the four recursions side by side for little more than the cost of one (the probability
 * update is a chain of dependent steps: nelderMeadMinimizeBatch). Unused slots run the first pair.
 */
const tsbSseBatch = (values: readonly number[]): NelderMeadBatchObjective => (points, count, out) => {
  const n = values.length;
  let demands = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const y = values[t]!;
    if (y > 0) {
      demands++;
      total += y;
    }
  }
  const pick = (k: number): Float64Array => points[k < count ? k : 0]!;
  const a0 = pick(0)[0]!, b0 = pick(0)[1]!;
  const a1 = pick(1)[0]!, b1 = pick(1)[1]!;
  const a2 = pick(2)[0]!, b2 = pick(2)[1]!;
  const a3 = pick(3)[0]!, b3 = pick(3)[1]!;
  let p0 = n > 0 ? demands / n : 0;
  let z0 = demands > 0 ? total / demands : 0;
  let p1 = p0, p2 = p0, p3 = p0;
  let z1 = z0, z2 = z0, z3 = z0;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let t = 0; t < n - 1; t++) {
    const y = values[t]!;
    const sold = y > 0 ? 1 : 0;
    p0 += b0 * (sold - p0);
    p1 += b1 * (sold - p1);
    p2 += b2 * (sold - p2);
    p3 += b3 * (sold - p3);
    if (y > 0) {
      z0 += a0 * (y - z0);
      z1 += a1 * (y - z1);
      z2 += a2 * (y - z2);
      z3 += a3 * (y - z3);
    }
    const next = values[t + 1]!;
    s0 += (next - p0 * z0) ** 2;
    s1 += (next - p1 * z1) ** 2;
    s2 += (next - p2 * z2) ** 2;
    s3 += (next - p3 * z3) ** 2;
  }
  out[0] = s0;
  if (count > 1) out[1] = s1;
  if (count > 2) out[2] = s2;
  if (count > 3) out[3] = s3;
};

/** TSB with α, β ∈ [0.01, 0.5] chosen by one-step SSE. */
export function fitTsb(values: readonly number[]): FittedModel {
  const best = nelderMeadMinimizeBatch(tsbSseBatch(values), [0.1, 0.1], { lower: [0.01, 0.01], upper: [0.5, 0.5] }, { maxEvaluations: 30 });
  return tsbWithParams(values, best.x[0]!, best.x[1]!);
}
