import type { FittedModel } from '../types.ts';
import { nelderMeadMinimize } from '../optimize/nelder-mead.ts';
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
 * TSB's start, p = share of periods with demand and z = mean non-zero size (as tsbForecasts
 * starts), written to start[0] and start[1]. The search reads them from this typed array:
 * read as captured numbers, they made the optimised recursion keep p and z as boxed numbers,
 * an allocation per step (five times the minor collections of a fit).
 */
const start = new Float64Array(2);

function tsbStart(values: readonly number[]): void {
  const n = values.length;
  let count = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const y = values[t]!;
    if (y > 0) {
      count++;
      total += y;
    }
  }
  start[0] = n > 0 ? count / n : 0;
  start[1] = count > 0 ? total / count : 0;
}

/**
 * One-step SSE of TSB, Σ over t ≥ 1 of (y[t] − forecast after t observations)², in the same
 * pass as the recursion (the same arithmetic as tsbForecasts, without writing the path).
 * The start (p0, z0) does not depend on α and β: the search computes it once, not per
 * evaluation (its pass over the series had a mispredicted branch per sale).
 */
function tsbSse(values: readonly number[], p0: number, z0: number, alpha: number, beta: number): number {
  const n = values.length;
  let p = p0;
  let z = z0;
  let sse = 0;
  for (let t = 0; t < n - 1; t++) {
    const y = values[t]!;
    p += beta * ((y > 0 ? 1 : 0) - p);
    if (y > 0) z += alpha * (y - z);
    sse += (values[t + 1]! - p * z) ** 2;
  }
  return sse;
}

/** TSB with α, β ∈ [0.01, 0.5] chosen by one-step SSE. */
export function fitTsb(values: readonly number[]): FittedModel {
  tsbStart(values);
  const sse = (x: ArrayLike<number>): number => tsbSse(values, start[0]!, start[1]!, x[0]!, x[1]!);
  const best = nelderMeadMinimize(sse, [0.1, 0.1], { lower: [0.01, 0.01], upper: [0.5, 0.5] }, { maxEvaluations: 30 });
  return tsbWithParams(values, best.x[0]!, best.x[1]!);
}
