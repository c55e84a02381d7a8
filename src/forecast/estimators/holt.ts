import type { FittedModel } from '../types.ts';
import { fitTrendModel } from './trend-model.ts';

/** Holt's linear (additive, undamped) trend method. */
export function fitHolt(values: readonly number[]): FittedModel {
  return fitTrendModel(values, 'holt', false);
}
