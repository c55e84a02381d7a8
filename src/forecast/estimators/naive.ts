import type { FittedModel } from '../types.ts';
import { Fitted } from './fitted-model.ts';
import { doubleArray } from '../double-array.ts';

/** Random-walk forecast: tomorrow looks like today. The floor every model must beat. */
export function fitNaive(values: readonly number[]): FittedModel {
  return new Fitted({
    method: 'naive',
    params: {},
    minOrigin: 1,
    residuals: () => values.slice(1).map((y, t) => y - values[t]!),
    forecastAt: (origin, horizon) => doubleArray(horizon, values[origin - 1] ?? 0),
  });
}
