import type { DemandClass, MethodName } from '../types.ts';
import type { RawValue } from '../series-cleaning.ts';
import { runForecast, type ForecastRun } from '../forecast-series.ts';
import { seededRandom } from '../seeded-random.ts';
import { DEFAULT_QUANTILE_LEVELS, quantileKey, validateLevels } from '../quantiles/quantile-levels.ts';
import { quantilesOf } from '../quantiles/quantile-select.ts';
import { leadTimeDraws } from './lead-time-sampler.ts';

export interface LeadTimeDemandOptions {
  /** Mean lead time in periods of the history (days for daily data); may be fractional. */
  readonly leadTimeDays: number;
  /** Standard deviation of the lead time in the same unit (default 0: fixed lead time). */
  readonly leadTimeStdDays?: number;
  readonly seasonPeriod?: number;
  readonly quantiles?: readonly number[];
  /** Current stock; when given, the probability that lead-time demand exceeds it is returned. */
  readonly currentStock?: number;
  /** Monte-Carlo draws (default 4000) and seed (default 1): results are reproducible. */
  readonly samples?: number;
  readonly seed?: number;
}

export interface LeadTimeDemand {
  readonly method: MethodName;
  readonly demandClass: DemandClass;
  /** Expected total demand over the lead time. */
  readonly mean: number;
  /** Quantiles of total lead-time demand, keyed like forecast quantiles ("0.95"). */
  readonly quantiles: Record<string, number>;
  /** P(lead-time demand > current stock), i.e. the chance of a stock-out before a new order lands. */
  readonly stockoutProbability: number | null;
}

function nonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  return value;
}

/** Forecast steps needed to cover the lead time and its variability. */
export function leadTimeHorizon(options: LeadTimeDemandOptions): number {
  const leadTime = nonNegative('leadTimeDays', options.leadTimeDays);
  const leadTimeStd = nonNegative('leadTimeStdDays', options.leadTimeStdDays ?? 0);
  return Math.max(1, Math.ceil(leadTime + 4 * leadTimeStd));
}

/** Lead-time demand from an existing forecast run whose horizon covers leadTimeHorizon(options). */
export function leadTimeDemandFromRun(run: ForecastRun, options: LeadTimeDemandOptions): LeadTimeDemand {
  const leadTime = nonNegative('leadTimeDays', options.leadTimeDays);
  const leadTimeStd = nonNegative('leadTimeStdDays', options.leadTimeStdDays ?? 0);
  const levels = options.quantiles ?? DEFAULT_QUANTILE_LEVELS;
  validateLevels(levels);
  const draws = leadTimeDraws(run, leadTime, leadTimeStd, options.samples ?? 4000, seededRandom(options.seed ?? 1));
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  const stock = options.currentStock;
  const stockoutProbability = stock === undefined ? null : draws.filter((d) => d > stock).length / draws.length;
  const values = quantilesOf(draws, levels);
  const quantiles: Record<string, number> = {};
  levels.forEach((level, i) => (quantiles[quantileKey(level)] = values[i]!));
  return { method: run.method, demandClass: run.demandClass, mean, quantiles, stockoutProbability };
}

/** Distribution of demand summed over the lead time, from the history alone. */
export function leadTimeDemand(history: readonly RawValue[], options: LeadTimeDemandOptions): LeadTimeDemand {
  const run = runForecast(history, { horizon: leadTimeHorizon(options), seasonPeriod: options.seasonPeriod ?? 1 });
  return leadTimeDemandFromRun(run, options);
}
