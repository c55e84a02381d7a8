import type { FittedModel } from '../types.ts';

/** Random-walk forecast: tomorrow looks like today. The floor every model must beat. */
export function fitNaive(values: readonly number[]): FittedModel {
  let residuals: number[] | undefined;
  return {
    method: 'naive',
    params: {},
    minOrigin: 1,
    // Computed on first use, as in every estimator: auto selection needs no residuals.
    get residuals() {
      residuals ??= values.slice(1).map((y, t) => y - values[t]!);
      return residuals;
    },
    forecastAt: (origin, horizon) => new Array<number>(horizon).fill(values[origin - 1] ?? 0),
  };
}
