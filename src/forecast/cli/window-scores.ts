import type { RawValue } from '../series-cleaning.ts';
import { cleanSeries } from '../series-cleaning.ts';
import { forecastSeries } from '../forecast-series.ts';
import { classifyDemand } from '../classification/demand-class.ts';
import { mase } from '../metrics/mase.ts';
import { scaledQuantileLoss } from '../metrics/quantile-loss.ts';
import { intervalCoverage, type CoverageCount } from '../metrics/interval-coverage.ts';
import { DEFAULT_QUANTILE_LEVELS, quantileKey } from '../quantiles/quantile-levels.ts';
import type { DemandClass, MethodName } from '../types.ts';
import type { PooledRegression } from '../global/pooled-regression.ts';
import { referenceArima, type ArimaReference } from './arima-reference.ts';

/** fev scores SQL on the nine deciles; the interval ends are scored as coverage. */
export const SQL_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export interface ModelScore {
  readonly mase: number | null;
  readonly sql: number | null;
  readonly coverage80: CoverageCount;
  readonly coverage95: CoverageCount;
}

export interface WindowScore {
  readonly window: number;
  readonly demandClass: DemandClass;
  readonly auto: ModelScore & { readonly method: MethodName };
  readonly seasonalNaive: ModelScore;
  readonly autoEts: ModelScore;
  readonly autoArima: ModelScore | null;
}

export interface EvaluationSettings {
  readonly horizon: number;
  readonly windows: number;
  readonly season: number;
  /** Known-future regressor columns passed to the engine. */
  readonly regressors?: readonly string[];
  readonly arimaReference?: ArimaReference;
}

export interface EvaluationSeries {
  readonly values: readonly RawValue[];
  readonly columns?: Readonly<Record<string, readonly (number | null)[]>>;
}

function scoreForecast(actual: number[], history: number[], season: number, mean: number[], quantiles: Record<string, number[]>): ModelScore {
  const q = (level: number): number[] => quantiles[quantileKey(level)] ?? [];
  return {
    mase: mase(actual, mean, history, season),
    sql: scaledQuantileLoss(actual, SQL_LEVELS.map((level) => ({ level, values: q(level) })), history, season),
    coverage80: intervalCoverage(actual, q(0.1), q(0.9)),
    coverage95: intervalCoverage(actual, q(0.025), q(0.975)),
  };
}

/** The cut of a series a window trains on: values before the cutoff, regressors up to the end of the window. */
export function windowCut(series: EvaluationSeries, cutoff: number, horizon: number, names: readonly string[]): { train: RawValue[]; regressors: Record<string, (number | null)[]> | undefined } {
  const train = series.values.slice(0, Math.max(0, cutoff));
  if (names.length === 0) return { train, regressors: undefined };
  const regressors: Record<string, (number | null)[]> = {};
  for (const name of names) regressors[name] = (series.columns?.[name] ?? []).slice(0, cutoff + horizon);
  return { train, regressors };
}

/**
 * Rolling-origin evaluation of one series: window w (1 = most recent) trains on
 * everything before the last w·h periods and is scored on the h periods after that.
 * Only the training part (plus the known-future regressors of the scored days) is passed
 * to the forecasters, so the scores are out of sample. `globals[w − 1]` is the global
 * model trained on every series' training part of window w.
 */
export function scoreSeries(series: EvaluationSeries, settings: EvaluationSettings, globals: readonly (PooledRegression | undefined)[] = []): WindowScore[] {
  const { horizon, windows, season } = settings;
  const names = settings.regressors ?? [];
  const raw = series.values;
  const scores: WindowScore[] = [];
  for (let w = 1; w <= windows; w++) {
    const cutoff = raw.length - w * horizon;
    const { train, regressors } = windowCut(series, cutoff, horizon, names);
    const history = cleanSeries(train).values;
    if (history.length === 0) continue;
    const actual = raw.slice(cutoff, cutoff + horizon).map((v) => (typeof v === 'number' ? v : NaN));
    const options = { horizon, seasonPeriod: season, quantiles: DEFAULT_QUANTILE_LEVELS };
    const globalModel = globals[w - 1];
    const auto = forecastSeries(train, { ...options, ...(regressors ? { regressors } : {}), ...(globalModel ? { globalModel } : {}) });
    const naive = forecastSeries(train, { ...options, method: 'seasonal-naive' });
    const ets = forecastSeries(train, { ...options, family: 'ets' });
    const arima = referenceArima(history, horizon, season, DEFAULT_QUANTILE_LEVELS, settings.arimaReference ?? 'none');
    scores.push({
      window: w,
      demandClass: classifyDemand(history).demandClass,
      auto: { method: auto.method, ...scoreForecast(actual, history, season, auto.mean, auto.quantiles) },
      seasonalNaive: scoreForecast(actual, history, season, naive.mean, naive.quantiles),
      autoEts: scoreForecast(actual, history, season, ets.mean, ets.quantiles),
      autoArima: arima ? scoreForecast(actual, history, season, arima.mean, arima.quantiles) : null,
    });
  }
  return scores;
}
