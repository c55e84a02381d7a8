import type { RawValue } from '../series-cleaning.ts';
import { cleanSeries } from '../series-cleaning.ts';
import { forecastSeries } from '../forecast-series.ts';
import { mase } from '../metrics/mase.ts';
import { scaledQuantileLoss } from '../metrics/quantile-loss.ts';
import { intervalCoverage, type CoverageCount } from '../metrics/interval-coverage.ts';
import { DEFAULT_QUANTILE_LEVELS, quantileKey } from '../quantiles/quantile-levels.ts';
import type { MethodName } from '../types.ts';

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
  readonly auto: ModelScore & { readonly method: MethodName };
  readonly seasonalNaive: ModelScore;
}

export interface EvaluationSettings {
  readonly horizon: number;
  readonly windows: number;
  readonly season: number;
}

function scoreForecast(
  actual: number[],
  history: number[],
  season: number,
  mean: number[],
  quantiles: Record<string, number[]>,
): ModelScore {
  const q = (level: number): number[] => quantiles[quantileKey(level)] ?? [];
  return {
    mase: mase(actual, mean, history, season),
    sql: scaledQuantileLoss(actual, SQL_LEVELS.map((level) => ({ level, values: q(level) })), history, season),
    coverage80: intervalCoverage(actual, q(0.1), q(0.9)),
    coverage95: intervalCoverage(actual, q(0.025), q(0.975)),
  };
}

/**
 * Rolling-origin evaluation of one series: window w (1 = most recent) trains on
 * everything before the last w·h periods and is scored on the h periods after that.
 * Only the training part is passed to the forecaster, so the scores are out of sample.
 */
export function scoreSeries(raw: readonly RawValue[], settings: EvaluationSettings): WindowScore[] {
  const { horizon, windows, season } = settings;
  const scores: WindowScore[] = [];
  for (let w = 1; w <= windows; w++) {
    const cutoff = raw.length - w * horizon;
    const train = raw.slice(0, Math.max(0, cutoff));
    const history = cleanSeries(train).values;
    if (history.length === 0) continue;
    const actual = raw.slice(cutoff, cutoff + horizon).map((v) => (typeof v === 'number' ? v : NaN));
    const options = { horizon, seasonPeriod: season, quantiles: DEFAULT_QUANTILE_LEVELS };
    const auto = forecastSeries(train, options);
    const naive = forecastSeries(train, { ...options, method: 'seasonal-naive' });
    scores.push({
      window: w,
      auto: { method: auto.method, ...scoreForecast(actual, history, season, auto.mean, auto.quantiles) },
      seasonalNaive: scoreForecast(actual, history, season, naive.mean, naive.quantiles),
    });
  }
  return scores;
}
