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

/**
 * All rows are views of one block from `allocate` (a typed array per row cost ~1 µs
 * each). The forecast itself passes scratch memory and keeps nothing; callers that keep
 * the errors use the default, fresh memory.
 */
export function horizonErrors(
  model: FittedModel,
  values: readonly number[],
  horizon: number,
  origins: readonly number[],
  allocate: (size: number) => Float64Array = (size) => new Float64Array(size),
): HorizonErrors {
  const n = values.length;
  let size = 0;
  for (const o of origins) size += Math.max(0, Math.min(horizon, n - o));
  const memory = allocate(size);
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

/** The same errors in fresh memory of their own. */
export function copyHorizonErrors(errors: HorizonErrors): HorizonErrors {
  let size = 0;
  for (const row of errors.rows) size += row.length;
  const memory = new Float64Array(size);
  const rows: Float64Array[] = [];
  let offset = 0;
  for (const row of errors.rows) {
    memory.set(row, offset);
    rows.push(memory.subarray(offset, offset + row.length));
    offset += row.length;
  }
  return { origins: [...errors.origins], rows };
}
