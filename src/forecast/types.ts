/** Every estimator the engine knows, by the name callers and reports use. */
export const METHOD_NAMES = [
  'naive',
  'seasonal-naive',
  'ses',
  'holt',
  'damped-trend',
  'seasonal-ses',
  'holt-winters-additive',
  'holt-winters-damped',
  'holt-winters-multiplicative',
  'croston',
  'sba',
  'tsb',
  'theta',
  'arima',
  'combination',
  'pooled-regression',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/**
 * Syntetos–Boylan demand classes, plus `no-demand` for a series that never sold
 * (the ADI of an all-zero series is undefined, so it gets its own class).
 */
export type DemandClass = 'smooth' | 'intermittent' | 'erratic' | 'lumpy' | 'no-demand';

/**
 * A model whose parameters are fitted and whose states were run over the whole series.
 * `forecastAt(origin, h)` answers "what would this model have said after seeing
 * y[0..origin)?" in O(h) from the stored state path, so rolling-origin backtests cost
 * one filter pass instead of one refit per origin. (Parameters are fitted once on
 * the whole series given to `fit`; callers that need a strict hold-out pass only the
 * training part.)
 */
export interface FittedModel {
  readonly method: MethodName;
  readonly params: Readonly<Record<string, number>>;
  /** Number of leading observations the model needs before `forecastAt` is meaningful. */
  readonly minOrigin: number;
  /** In-sample one-step residuals y[t] − ŷ[t|t−1] for t ≥ minOrigin. */
  readonly residuals: readonly number[];
  forecastAt(origin: number, horizon: number): number[];
}

/** Fits one estimator to a cleaned series (no NaN, length ≥ 1). */
export type Estimator = (values: readonly number[], seasonPeriod: number) => FittedModel;
