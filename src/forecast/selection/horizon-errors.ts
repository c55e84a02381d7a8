import type { FittedModel } from '../types.ts';

/**
 * Out-of-origin forecast errors y[o + k] − ŷ[o + k | o] for every origin o in [from, n),
 * k < horizon and o + k < n. Row i belongs to origins[i]; late origins have shorter rows.
 * These errors are the raw material of the empirical predictive distribution. With a
 * stride > 1 only every stride-th origin (counting back from the newest) is used.
 */
export interface HorizonErrors {
  readonly origins: number[];
  readonly rows: Float64Array[];
}

export function horizonErrors(
  model: FittedModel,
  values: readonly number[],
  horizon: number,
  from: number,
  stride = 1,
): HorizonErrors {
  const origins: number[] = [];
  const rows: Float64Array[] = [];
  const n = values.length;
  // Walk back from the newest origin so thinning never drops the most recent errors.
  for (let o = n - 1; o >= Math.max(1, from); o -= stride) {
    const steps = Math.min(horizon, n - o);
    const forecast = model.forecastAt(o, steps);
    const row = new Float64Array(steps);
    for (let k = 0; k < steps; k++) row[k] = values[o + k]! - forecast[k]!;
    origins.push(o);
    rows.push(row);
  }
  return { origins, rows };
}
