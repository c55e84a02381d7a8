/**
 * Features of the pooled regression for one (origin, step): everything is divided by the
 * series' recent level, so one set of weights serves slow and fast movers alike, and the
 * target is y[origin + k] divided by the same level (a multiplicative model in disguise).
 *
 *   1, last-week mean, same weekday last time, same weekday mean over 4 cycles,
 *   quarter mean, (k + 1)/h, then per regressor r: r at the target day, r × same-weekday
 *   mean (a promotion lifts relative to that day's baseline), r at the lagged day the
 *   lag features read, and r's share over the last 4 weeks (inflated recent levels).
 */
import { doubleArray } from '../double-array.ts';

export const BASE_FEATURES = 6;
export const PER_REGRESSOR = 4;
const LEVEL_SPAN = 28;

export const featureCount = (regressors: number): number => BASE_FEATURES + PER_REGRESSOR * regressors;

function meanOf(values: readonly number[], from: number, to: number): number {
  const a = Math.max(0, from);
  if (to <= a) return 0;
  let sum = 0;
  for (let t = a; t < to; t++) sum += values[t]!;
  return sum / (to - a);
}

/** The series' level at an origin: the last 4 weeks' mean, else the whole history's; 0 when it never sold. */
export function levelAt(values: readonly number[], origin: number): number {
  const recent = meanOf(values, origin - LEVEL_SPAN, origin);
  return recent > 0 ? recent : meanOf(values, 0, origin);
}

/** Per-origin quantities shared by every step: computed once per origin. */
export interface OriginState {
  readonly level: number;
  readonly week: number;
  readonly quarter: number;
  readonly regressorMeans: readonly number[];
}

const WEEK_SPAN = 7;
const QUARTER_SPAN = 91;

/**
 * The same numbers as levelAt and meanOf over the last week, 4 weeks and quarter, but the
 * three sums run side by side in one pass over the quarter (each still adds its days in
 * order from 0, so every sum is the same bit for bit): one after the other they were three
 * chains of dependent additions, 126 in a row, and half of a pooled forecast's time.
 * The regressors' 4-week sums go two at a time for the same reason.
 */
export function originState(values: readonly number[], regressors: readonly (readonly number[])[], origin: number): OriginState {
  const quarterFrom = Math.max(0, origin - QUARTER_SPAN);
  const levelFrom = Math.max(0, origin - LEVEL_SPAN);
  const weekFrom = Math.max(0, origin - WEEK_SPAN);
  let quarterSum = 0;
  let levelSum = 0;
  let weekSum = 0;
  let t = quarterFrom;
  for (; t < levelFrom; t++) quarterSum += values[t]!;
  for (; t < weekFrom; t++) {
    const v = values[t]!;
    quarterSum += v;
    levelSum += v;
  }
  for (; t < origin; t++) {
    const v = values[t]!;
    quarterSum += v;
    levelSum += v;
    weekSum += v;
  }
  const recent = origin <= levelFrom ? 0 : levelSum / (origin - levelFrom);
  const level = recent > 0 ? recent : meanOf(values, 0, origin);
  const regressorMeans = doubleArray(regressors.length);
  let r = 0;
  for (; r + 1 < regressors.length; r += 2) {
    const a = regressors[r]!;
    const b = regressors[r + 1]!;
    let sumA = 0;
    let sumB = 0;
    for (let u = levelFrom; u < origin; u++) {
      sumA += a[u]!;
      sumB += b[u]!;
    }
    regressorMeans[r] = origin <= levelFrom ? 0 : sumA / (origin - levelFrom);
    regressorMeans[r + 1] = origin <= levelFrom ? 0 : sumB / (origin - levelFrom);
  }
  if (r < regressors.length) regressorMeans[r] = meanOf(regressors[r]!, origin - LEVEL_SPAN, origin);
  return {
    level,
    week: (origin <= weekFrom ? 0 : weekSum / (origin - weekFrom)) / level,
    quarter: (origin <= quarterFrom ? 0 : quarterSum / (origin - quarterFrom)) / level,
    regressorMeans,
  };
}

/** The last day before the origin on the target's weekday (negative when the history is too short). */
function sameWeekdayLag(t: number, k: number, m: number): number {
  return t - m * Math.ceil((k + 1) / m);
}

/** Mean of the target's weekday over up to 4 cycles back from `lag`, over the level; last week's when none. */
function sameWeekdayMean(values: readonly number[], lag: number, m: number, state: OriginState): number {
  let same = 0;
  let count = 0;
  for (let c = 0; c < 4; c++) {
    const j = lag - c * m;
    if (j < 0) break;
    same += values[j]!;
    count++;
  }
  return count > 0 ? same / count / state.level : state.week;
}

/**
 * The lag features of an origin's steps, per weekday slot: steps k and k + m read the same
 * lagged day (origin + (k mod m) − m), so the same-weekday lag and its 4-cycle mean take
 * only min(m, steps) values per origin instead of one per step. Slot j holds at 2j the
 * lagged value over the level (last week's mean when there is none) and at 2j + 1 the
 * same-weekday mean: the very numbers a per-step computation gives (its two divisions per
 * step were a tenth of a pooled forecast). Written into `out` (2 × min(m, steps) numbers).
 */
export function weekdaySlots(out: Float64Array, values: readonly number[], state: OriginState, origin: number, steps: number, m: number): Float64Array {
  const slots = Math.min(m, steps);
  for (let k = 0; k < slots; k++) {
    const lag = sameWeekdayLag(origin + k, k, m);
    out[2 * k] = lag >= 0 ? values[lag]! / state.level : state.week;
    out[2 * k + 1] = sameWeekdayMean(values, lag, m, state);
  }
  return out;
}

/**
 * Writes the features of step k (0-based) after `origin` into out[at + i·stride] for
 * feature i: stride 1 for one sample's row, the block's row count for a column-major block.
 * `slots` is weekdaySlots of the origin (covering step k's slot). Needs level > 0.
 */
export function writeFeatures(
  out: Float64Array,
  at: number,
  stride: number,
  regressors: readonly (readonly number[])[],
  state: OriginState,
  slots: Float64Array,
  origin: number,
  k: number,
  horizon: number,
  m: number,
): void {
  const t = origin + k;
  const slot = k % m;
  const lag = origin + slot - m;
  const sameMean = slots[2 * slot + 1]!;
  out[at] = 1;
  out[at + stride] = state.week;
  out[at + 2 * stride] = slots[2 * slot]!;
  out[at + 3 * stride] = sameMean;
  out[at + 4 * stride] = state.quarter;
  out[at + 5 * stride] = (k + 1) / horizon;
  for (let r = 0; r < regressors.length; r++) {
    const series = regressors[r]!;
    const now = series[t] ?? 0;
    const base = at + (BASE_FEATURES + PER_REGRESSOR * r) * stride;
    out[base] = now;
    out[base + stride] = now * sameMean;
    out[base + 2 * stride] = lag >= 0 ? (series[lag] ?? 0) : 0;
    out[base + 3 * stride] = state.regressorMeans[r]!;
  }
}

/**
 * Which features writeFeatures writes from the origin alone, one value for all its steps (the
 * ones originPart sums): the intercept, the week and quarter means and each regressor's 4-week
 * share. The ridge block takes them as constant columns without checking them.
 */
export function originConstantFeatures(regressors: number): boolean[] {
  const constant = new Array<boolean>(featureCount(regressors)).fill(false);
  constant[0] = true;
  constant[1] = true;
  constant[4] = true;
  for (let r = 0; r < regressors; r++) constant[BASE_FEATURES + PER_REGRESSOR * r + 3] = true;
  return constant;
}

/**
 * The part of the prediction w·x that is the same for every step of an origin: intercept,
 * last-week and quarter means, and each regressor's 4-week share.
 */
export function originPart(weights: readonly number[], state: OriginState): number {
  let z = weights[0]! + weights[1]! * state.week + weights[4]! * state.quarter;
  for (let r = 0; r < state.regressorMeans.length; r++) z += weights[BASE_FEATURES + PER_REGRESSOR * r + 3]! * state.regressorMeans[r]!;
  return z;
}

/**
 * w·x for step k, x the features writeFeatures would write, computed without writing them:
 * `fromOrigin` is originPart(weights, state), `slots` weekdaySlots of the origin. A pooled model's forecasts are most of its cost
 * (the error pool asks for ~22 origins × 28 steps), and half of each step's products are the
 * origin's constants.
 */
export function predictStep(
  weights: readonly number[],
  fromOrigin: number,
  regressors: readonly (readonly number[])[],
  state: OriginState,
  slots: Float64Array,
  origin: number,
  k: number,
  horizon: number,
  m: number,
): number {
  const t = origin + k;
  const slot = k % m;
  const lag = origin + slot - m;
  const sameMean = slots[2 * slot + 1]!;
  let z = fromOrigin + weights[2]! * slots[2 * slot]! + weights[3]! * sameMean + (weights[5]! * (k + 1)) / horizon;
  for (let r = 0; r < regressors.length; r++) {
    const series = regressors[r]!;
    const now = series[t] ?? 0;
    const base = BASE_FEATURES + PER_REGRESSOR * r;
    z += weights[base]! * now + weights[base + 1]! * now * sameMean + weights[base + 2]! * (lag >= 0 ? (series[lag] ?? 0) : 0);
  }
  return z;
}
