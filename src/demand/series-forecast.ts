import { forecastSeries, type RawValue } from '../forecast/index.ts';
import { DEMAND_CLASS_ENUM } from './demand-class-name.ts';
import { addDays } from './calendar-day.ts';
import { INTERVAL_LEVEL } from './forecast-service.ts';

/** A forecast of a series that belongs to no single vendor (`SeriesForecast` in the schema). */
export interface SeriesForecastView {
  readonly method: string;
  readonly demandClass: (typeof DEMAND_CLASS_ENUM)[keyof typeof DEMAND_CLASS_ENUM];
  readonly horizonDays: number;
  readonly points: ReadonlyArray<{ date: string; mean: number; lower: number; upper: number }>;
  readonly intervalLevel: number;
  readonly backtest: { mase: number | null; windows: number };
  readonly historyDays: number;
}

export interface SeriesForecastInput {
  readonly values: readonly RawValue[];
  /** The day of the last value: points start the day after. */
  readonly lastDay: string;
  readonly horizonDays: number;
  readonly seasonPeriod: number;
  readonly regressors?: Readonly<Record<string, readonly number[]>>;
}

/** Forecasts one daily series with the engine (method by backtest) and the 10%–90% interval. */
export function seriesForecast(input: SeriesForecastInput): SeriesForecastView {
  const result = forecastSeries(input.values, {
    horizon: input.horizonDays,
    seasonPeriod: input.seasonPeriod,
    quantiles: [0.1, 0.9],
    ...(input.regressors ? { regressors: input.regressors } : {}),
  });
  const lower = result.quantiles['0.1'] ?? [];
  const upper = result.quantiles['0.9'] ?? [];
  return {
    method: result.method,
    demandClass: DEMAND_CLASS_ENUM[result.demandClass],
    horizonDays: input.horizonDays,
    points: result.mean.map((mean, index) => ({ date: addDays(input.lastDay, index + 1), mean, lower: lower[index] ?? mean, upper: upper[index] ?? mean })),
    intervalLevel: INTERVAL_LEVEL,
    backtest: { mase: result.backtest.mase, windows: result.backtest.windows },
    historyDays: result.history.length,
  };
}
