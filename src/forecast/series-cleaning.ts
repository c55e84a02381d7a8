import { doubleArray } from './double-array.ts';

/** A raw observation: missing values may arrive as null, undefined or NaN. */
export type RawValue = number | null | undefined;

export interface CleanedSeries {
  readonly values: number[];
  /** Missing values before the first observation, dropped (the item did not exist yet). */
  readonly droppedLeading: number;
  /** Missing values between observations, filled by linear interpolation. */
  readonly interpolated: number;
  /** Missing values after the last observation, filled with the last observed value. */
  readonly filledTrailing: number;
}

const isPresent = (v: RawValue): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Missing-value policy, chosen for demand histories:
 * - leading gaps are dropped: a SKU that was not listed yet has no demand history;
 * - interior gaps are linearly interpolated: a sync outage is not a day of zero sales,
 *   and treating it as zero would bias the level and fake intermittency;
 * - trailing gaps carry the last value forward so the forecast origin stays "today".
 * An all-missing series cleans to an empty array; callers treat that as no demand.
 */
export function cleanSeries(raw: readonly RawValue[]): CleanedSeries {
  const first = raw.findIndex(isPresent);
  if (first < 0) return { values: [], droppedLeading: raw.length, interpolated: 0, filledTrailing: 0 };
  // Double-element storage whatever the data (see doubleArray): one array layout for every hot loop.
  const values = doubleArray(0);
  values.push(raw[first] as number);
  let interpolated = 0;
  let filledTrailing = 0;
  let lastIndex = first;
  for (let i = first + 1; i < raw.length; i++) {
    const v = raw[i];
    if (!isPresent(v)) continue;
    const gap = i - lastIndex - 1;
    const from = raw[lastIndex] as number;
    for (let g = 1; g <= gap; g++) values.push(from + ((v - from) * g) / (gap + 1));
    interpolated += gap;
    values.push(v);
    lastIndex = i;
  }
  const last = raw[lastIndex] as number;
  for (let i = lastIndex + 1; i < raw.length; i++, filledTrailing++) values.push(last);
  return { values, droppedLeading: first, interpolated, filledTrailing };
}
