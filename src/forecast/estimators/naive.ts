import type { FittedModel } from '../types.ts';

/** Random-walk forecast: tomorrow looks like today. The floor every model must beat. */
export function fitNaive(values: readonly number[]): FittedModel {
  const residuals: number[] = [];
  for (let t = 1; t < values.length; t++) residuals.push(values[t]! - values[t - 1]!);
  return {
    method: 'naive',
    params: {},
    minOrigin: 1,
    residuals,
    forecastAt: (origin, horizon) => new Array<number>(horizon).fill(values[origin - 1] ?? 0),
  };
}
