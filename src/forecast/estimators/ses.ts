import type { FittedModel } from '../types.ts';
import { goldenSectionMinimize } from '../optimize/golden-section.ts';
import { SharedPath } from './shared-path.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

const sharedPath = new SharedPath<Float64Array>();

/** Level path of simple exponential smoothing: level[t] is the forecast after t observations. */
export function sesLevels(
  values: readonly number[],
  alpha: number,
  levels: Float64Array = new Float64Array(values.length + 1),
): Float64Array {
  levels[0] = values[0] ?? 0;
  levels[1] = levels[0];
  for (let t = 1; t < values.length; t++) {
    levels[t + 1] = levels[t]! + alpha * (values[t]! - levels[t]!);
  }
  return levels;
}

function sesSse(values: readonly number[], alpha: number): number {
  let level = values[0] ?? 0;
  let sse = 0;
  for (let t = 1; t < values.length; t++) {
    const e = values[t]! - level;
    sse += e * e;
    level += alpha * e;
  }
  return sse;
}

/** Builds the fitted model for a fixed alpha (exported so tests can pin the parameter). */
export function sesWithAlpha(values: readonly number[], alpha: number): FittedModel {
  const owner = {};
  const levelsOf = (): Float64Array => sharedPath.get(owner, values.length + 1, (memory) => sesLevels(values, alpha, memory));
  return new Fitted({
    method: 'ses',
    params: { alpha },
    minOrigin: 1,
    residuals: () => {
      const levels = levelsOf();
      return values.slice(1).map((y, t) => y - levels[t + 1]!);
    },
    forecastAt: (origin, horizon) => doubleArray(horizon, levelsOf()[origin] ?? 0),
  });
}

/** Simple exponential smoothing with alpha chosen by minimum one-step SSE. */
export function fitSes(values: readonly number[]): FittedModel {
  const { x } = goldenSectionMinimize((a) => sesSse(values, a), 0.001, 0.999);
  return sesWithAlpha(values, x);
}
