import type { FittedModel } from '../types.ts';
import { nelderMeadMinimize } from '../optimize/nelder-mead.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';
import { SharedPath } from './shared-path.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

const sharedPath = new SharedPath<Float64Array>();

/** The search's forecast paths: ~30 per fit, none kept. */
const searchScratch = new ScratchBuffer();

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

/** TSB with α, β ∈ [0.01, 0.5] chosen by one-step SSE. */
export function fitTsb(values: readonly number[]): FittedModel {
  const sse = (x: ArrayLike<number>): number => {
    const f = tsbForecasts(values, x[0]!, x[1]!, searchScratch.take(values.length + 1));
    let total = 0;
    for (let t = 1; t < values.length; t++) total += (values[t]! - f[t]!) ** 2;
    return total;
  };
  const best = nelderMeadMinimize(sse, [0.1, 0.1], { lower: [0.01, 0.01], upper: [0.5, 0.5] }, { maxEvaluations: 30 });
  return tsbWithParams(values, best.x[0]!, best.x[1]!);
}
