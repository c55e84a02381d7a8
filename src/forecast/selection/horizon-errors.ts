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
  const n = values.length;
  let size = 0;
  for (const o of origins) size += Math.max(0, Math.min(horizon, n - o));
  // One allocation for all rows (views into it): a typed array per row cost ~1 µs each.
  const memory = new Float64Array(size);
  const rows: Float64Array[] = [];
  let offset = 0;
  for (const o of origins) {
    const steps = Math.min(horizon, n - o);
    const forecast = model.forecastAt(o, steps);
    const row = memory.subarray(offset, offset + steps);
    for (let k = 0; k < steps; k++) row[k] = values[o + k]! - forecast[k]!;
    rows.push(row);
    offset += steps;
  }
  return { origins: [...origins], rows };
}
