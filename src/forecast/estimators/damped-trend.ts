import type { FittedModel } from '../types.ts';
import { fitTrendModel } from './trend-model.ts';

/**
 * Additive damped trend (Gardner & McKenzie): the trend fades with φ ∈ [0.8, 0.98],
 * which is why it is the safer trend model for automatic use.
 */
export function fitDampedTrend(values: readonly number[]): FittedModel {
  return fitTrendModel(values, 'damped-trend', true);
}
