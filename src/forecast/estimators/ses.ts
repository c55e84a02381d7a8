import type { FittedModel } from '../types.ts';
import { goldenSectionMinimizeBatch, type BatchObjective } from '../optimize/golden-section-batch.ts';
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

/**
 * One-step SSE of SES at three weights in one pass (per weight the same arithmetic as one
 * weight alone): the level recursion is a chain of dependent steps, and three independent
 * chains run side by side for little more than the cost of one. `count` < 3 still runs three.
 */
const sesSseBatch = (values: readonly number[]): BatchObjective => (count, a0, a1, a2, out) => {
  let l0 = values[0] ?? 0;
  let l1 = l0;
  let l2 = l0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let t = 1; t < values.length; t++) {
    const y = values[t]!;
    const e0 = y - l0;
    const e1 = y - l1;
    const e2 = y - l2;
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    l0 += a0 * e0;
    l1 += a1 * e1;
    l2 += a2 * e2;
  }
  out[0] = s0;
  if (count > 1) out[1] = s1;
  if (count > 2) out[2] = s2;
};

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
  const { x } = goldenSectionMinimizeBatch(sesSseBatch(values), 0.001, 0.999);
  return sesWithAlpha(values, x);
}
