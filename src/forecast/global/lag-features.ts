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

export function originState(values: readonly number[], regressors: readonly (readonly number[])[], origin: number): OriginState {
  const level = levelAt(values, origin);
  return {
    level,
    week: meanOf(values, origin - 7, origin) / level,
    quarter: meanOf(values, origin - 91, origin) / level,
    regressorMeans: regressors.map((r) => meanOf(r, origin - LEVEL_SPAN, origin)),
  };
}

/**
 * Writes the features of step k (0-based) after `origin` into out[at + i·stride] for
 * feature i: stride 1 for one sample's row, the block's row count for a column-major block.
 * Needs level > 0.
 */
export function writeFeatures(
  out: Float64Array,
  at: number,
  stride: number,
  values: readonly number[],
  regressors: readonly (readonly number[])[],
  state: OriginState,
  origin: number,
  k: number,
  horizon: number,
  m: number,
): void {
  const t = origin + k;
  const lag = t - m * Math.ceil((k + 1) / m);
  let same = 0;
  let count = 0;
  for (let c = 0; c < 4; c++) {
    const j = lag - c * m;
    if (j < 0) break;
    same += values[j]!;
    count++;
  }
  const sameMean = count > 0 ? same / count / state.level : state.week;
  out[at] = 1;
  out[at + stride] = state.week;
  out[at + 2 * stride] = lag >= 0 ? values[lag]! / state.level : state.week;
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
