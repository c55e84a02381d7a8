import type { DemandClass, FittedModel, MethodName } from './types.ts';
import type { RawValue } from './series-cleaning.ts';
import { cleanSeries } from './series-cleaning.ts';
import { classifyDemand, isSparseDemand } from './classification/demand-class.ts';
import { fitCandidates } from './selection/fit-candidates.ts';
import { candidateMethods } from './selection/candidate-methods.ts';
import { minimumTraining, selectionOrigins } from './selection/backtest-origins.ts';
import { selectByBacktest } from './selection/select-method.ts';
import { copyHorizonErrors, horizonErrors, type HorizonErrors } from './selection/horizon-errors.ts';
import { errorOrigins } from './selection/error-origins.ts';
import { residualQuantiles } from './quantiles/residual-quantiles.ts';
import { resolveOptions, type ForecastOptions } from './forecast-options.ts';
import { ScratchBuffer } from './scratch-buffer.ts';
import { doubleArray } from './double-array.ts';
import { regressionCandidates } from './selection/regression-candidates.ts';

export interface ForecastResult {
  readonly method: MethodName;
  readonly demandClass: DemandClass;
  /** Point forecasts (expected demand), clipped at zero. */
  readonly mean: number[];
  /** Keyed by level, e.g. quantiles['0.9'][k] is the 90% quantile k+1 steps ahead. */
  readonly quantiles: Record<string, number[]>;
  /** Rolling-origin MASE of the chosen method on the windows it was chosen on. */
  readonly backtest: { readonly mase: number | null; readonly windows: number };
  readonly params: Readonly<Record<string, number>>;
  readonly history: { readonly length: number; readonly droppedLeading: number; readonly interpolated: number; readonly filledTrailing: number };
}

/** The result plus what lead-time and inventory maths reuse (not part of the public API). */
export interface ForecastRun extends ForecastResult {
  readonly values: readonly number[];
  readonly model: FittedModel;
  readonly errors: HorizonErrors;
  readonly sparse: boolean;
}

/** How many recent origins feed the empirical error distribution. */
const recentOrigins = (horizon: number): number => Math.max(4 * horizon, 120);
/**
 * Origins are sampled so the pool holds about this many errors: ~600 samples pin the
 * 2.5% and 97.5% quantiles well enough (on the synthetic daily set 600 and 1,500 gave the
 * same coverage to 0.1 point), and the pool's quantile selection is a large share of the
 * per-series cost.
 */
const ERROR_POOL_TARGET = 600;

const errorScratch = new ScratchBuffer();

/**
 * Sparse series are scored on more windows: their window MASEs are noisy (a few sales decide
 * each), so three windows picked among five or six candidates mostly by luck.
 */
const SPARSE_WINDOWS = 8;

/**
 * The whole forecast, with the error pool in scratch memory: forecastSeries needs it only
 * for the quantiles (saving an ~5 kB allocation per series), runForecast copies it out.
 */
function forecastWithScratchErrors(raw: readonly RawValue[], options: ForecastOptions): ForecastRun {
  const opts = resolveOptions(options);
  const cleaned = cleanSeries(raw);
  const values = cleaned.values.length > 0 ? cleaned.values : doubleArray(1);
  const { demandClass } = classifyDemand(values);
  const sparse = isSparseDemand(demandClass);
  const methods = opts.method === 'auto' ? candidateMethods(demandClass, values, opts.seasonPeriod, opts.family) : [opts.method];
  const models = fitCandidates(methods, values, opts.seasonPeriod);
  if (opts.method === 'auto' && opts.family === 'all' && (opts.globalModel || opts.regressors)) {
    models.push(...regressionCandidates(models, values, opts, cleaned.droppedLeading, sparse));
  }
  const windows = selectionOrigins(values.length, opts.horizon, sparse ? Math.max(opts.windows, SPARSE_WINDOWS) : opts.windows, minimumTraining(opts.seasonPeriod));
  const { model, score } = selectByBacktest(models, values, windows, opts.horizon, opts.seasonPeriod);

  const mean = doubleArray(opts.horizon);
  const point = model.forecastAt(values.length, opts.horizon);
  for (let k = 0; k < mean.length; k++) mean[k] = Math.max(0, point[k]!);
  const from = Math.max(model.minOrigin, values.length - recentOrigins(opts.horizon));
  const pool = errorOrigins(values.length, from, opts.horizon, ERROR_POOL_TARGET);
  const errors = horizonErrors(model, values, opts.horizon, pool, (size) => errorScratch.take(size));
  const quantiles = residualQuantiles(mean, errors, opts.quantiles, sparse ? 'pooled' : 'scaled', sparse && values.every(Number.isInteger));
  const { droppedLeading, interpolated, filledTrailing } = cleaned;
  return {
    method: model.method,
    demandClass,
    mean,
    quantiles,
    backtest: score,
    params: model.params,
    history: { length: cleaned.values.length, droppedLeading, interpolated, filledTrailing },
    values,
    model,
    errors,
    sparse,
  };
}

/** The forecast plus what lead-time and inventory maths reuse, all in memory of its own. */
export function runForecast(raw: readonly RawValue[], options: ForecastOptions): ForecastRun {
  const run = forecastWithScratchErrors(raw, options);
  return { ...run, errors: copyHorizonErrors(run.errors) };
}

/**
 * Forecasts one demand series: cleans missing values, classifies the demand, fits the
 * candidate estimators, keeps the best by rolling-origin MASE and derives quantiles from
 * its empirical multi-step errors. Never throws on data (short, all-zero or all-missing
 * series get a naive or zero forecast); throws RangeError on invalid options.
 */
export function forecastSeries(raw: readonly RawValue[], options: ForecastOptions): ForecastResult {
  const { method, demandClass, mean, quantiles, backtest, params, history } = forecastWithScratchErrors(raw, options);
  return { method, demandClass, mean, quantiles, backtest, params, history };
}
