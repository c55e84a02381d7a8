import type { FittedModel, MethodName } from '../types.ts';
import { nelderMeadMinimize } from '../optimize/nelder-mead.ts';
import { runTrendFilter, trendForecast, trendPathSize, trendSse, type TrendParams, type TrendPath } from './trend-filter.ts';
import { SharedPath } from './shared-path.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

const sharedPath = new SharedPath<TrendPath>();

/** Wraps a trend-filter run with fixed parameters as a FittedModel. */
export function trendModelWith(values: readonly number[], method: MethodName, p: TrendParams): FittedModel {
  const owner = {};
  const pathOf = (): TrendPath =>
    sharedPath.get(owner, trendPathSize(values.length), (memory) => runTrendFilter(values, p, true, memory));
  return new Fitted({
    method,
    params: { alpha: p.alpha, beta: p.beta, phi: p.phi },
    minOrigin: Math.min(values.length, 4),
    residuals: () => {
      const path = pathOf();
      return values.slice(1).map((y, i) => y - (path.level[i + 1]! + p.phi * path.trend[i + 1]!));
    },
    forecastAt: (origin, horizon) => {
      if (origin < 1) return doubleArray(horizon, values[0] ?? 0);
      const path = pathOf();
      return trendForecast(path.level[origin]!, path.trend[origin]!, p.phi, horizon);
    },
  });
}

/**
 * Fits α, β* (β = α·β*, which keeps 0 < β < α as ETS requires) and optionally φ by
 * Nelder–Mead on one-step SSE.
 */
export function fitTrendModel(values: readonly number[], method: MethodName, damped: boolean): FittedModel {
  const toParams = (x: ArrayLike<number>): TrendParams => ({
    alpha: x[0]!,
    beta: x[0]! * x[1]!,
    phi: damped ? x[2]! : 1,
  });
  const start = damped ? [0.3, 0.1, 0.9] : [0.3, 0.1];
  const bounds = damped
    ? { lower: [0.001, 0.001, 0.8], upper: [0.999, 0.999, 0.98] }
    : { lower: [0.001, 0.001], upper: [0.999, 0.999] };
  const best = nelderMeadMinimize((x) => trendSse(values, toParams(x)), start, bounds, {
    maxEvaluations: damped ? 60 : 40,
  });
  return trendModelWith(values, method, toParams(best.x));
}
