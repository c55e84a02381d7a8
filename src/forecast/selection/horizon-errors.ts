import type { FittedModel } from '../types.ts';

/**
 * Out-of-origin forecast errors y[o + k] − ŷ[o + k | o] for the given origins, k < horizon
 * and o + k < n. Row i belongs to origins[i]; late origins have shorter rows. These
 * errors are the raw material of the empirical predictive distribution.
 */
export interface HorizonErrors {
  readonly origins: number[];
  readonly rows: Float64Array[];
}

export function horizonErrors(
  model: FittedModel,
  values: readonly number[],
  horizon: number,
  origins: readonly number[],
): HorizonErrors {
  const rows: Float64Array[] = [];
  const n = values.length;
  for (const o of origins) {
    const steps = Math.min(horizon, n - o);
    const forecast = model.forecastAt(o, steps);
    const row = new Float64Array(steps);
    for (let k = 0; k < steps; k++) row[k] = values[o + k]! - forecast[k]!;
    rows.push(row);
  }
  return { origins: [...origins], rows };
}
