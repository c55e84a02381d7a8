import { badUserInput } from '../errors/gateway-error.ts';
import { addDays, daysBetween } from './calendar-day.ts';
import { seriesForecast, type SeriesForecastView } from './series-forecast.ts';

export interface HistoryForecastInput {
  readonly history: ReadonlyArray<{ readonly date: string; readonly value?: number | null }>;
  readonly horizonDays?: number | null;
  readonly seasonPeriod?: number | null;
  readonly regressors?: ReadonlyArray<{ readonly name: string; readonly values: readonly number[] }> | null;
}

/** Ten years of days: longer histories add cost, not accuracy. */
export const MAX_HISTORY_DAYS = 3660;
const MAX_HORIZON = 365;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isDay = (text: string): boolean => DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

function integerIn(name: string, value: number, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high) throw badUserInput(`${name} must be an integer from ${String(low)} to ${String(high)}, got ${String(value)}`, `input.${name}`);
  return value;
}

/** Days of the history as one value per calendar day from the first date (missing days null). */
function dailyValues(history: HistoryForecastInput['history']): (number | null)[] {
  if (history.length === 0) throw badUserInput('history must hold at least one day', 'input.history');
  const first = history[0]!.date;
  const values: (number | null)[] = [];
  let previous: string | null = null;
  history.forEach((point, index) => {
    const where = `history[${String(index)}]`;
    if (!isDay(point.date)) throw badUserInput(`${where}.date must be a UTC day YYYY-MM-DD, got '${point.date}'`, `input.${where}.date`);
    if (previous !== null && point.date <= previous) {
      throw badUserInput(`${where}.date ${point.date} ${point.date === previous ? 'repeats the day before it' : `comes before ${previous}`}: history must be sorted by date without duplicates`, `input.${where}.date`);
    }
    const value = point.value ?? null;
    if (value !== null && !(Number.isFinite(value) && value >= 0)) throw badUserInput(`${where}.value must be a finite number ≥ 0 or null, got ${String(value)}`, `input.${where}.value`);
    const offset = daysBetween(first, point.date);
    if (offset >= MAX_HISTORY_DAYS) throw badUserInput(`history spans more than ${String(MAX_HISTORY_DAYS)} days`, 'input.history');
    while (values.length < offset) values.push(null);
    values.push(value);
    previous = point.date;
  });
  return values;
}

/**
 * `forecastFromHistory`: a caller's own daily series (the seed's `generate_forecast(sku_data)`).
 * Every input problem is a BAD_USER_INPUT naming the field; nothing is computed on bad input.
 */
export function forecastFromHistory(input: HistoryForecastInput): SeriesForecastView {
  const horizonDays = integerIn('horizonDays', input.horizonDays ?? 28, 1, MAX_HORIZON);
  const seasonPeriod = integerIn('seasonPeriod', input.seasonPeriod ?? 7, 1, 365);
  const values = dailyValues(input.history);
  const regressors: Record<string, number[]> = {};
  for (const [index, regressor] of (input.regressors ?? []).entries()) {
    const where = `regressors[${String(index)}]`;
    if (regressor.name.trim() === '') throw badUserInput(`${where}.name must not be empty`, `input.${where}.name`);
    if (regressor.name in regressors) throw badUserInput(`${where}.name '${regressor.name}' is given twice`, `input.${where}.name`);
    const expected = values.length + horizonDays;
    if (regressor.values.length !== expected) {
      throw badUserInput(`${where}.values must hold ${String(expected)} values (${String(values.length)} history days + ${String(horizonDays)} forecast days), got ${String(regressor.values.length)}`, `input.${where}.values`);
    }
    if (!regressor.values.every(Number.isFinite)) throw badUserInput(`${where}.values must be finite numbers`, `input.${where}.values`);
    regressors[regressor.name] = [...regressor.values];
  }
  const lastDay = addDays(input.history[0]!.date, values.length - 1);
  return seriesForecast({ values, lastDay, horizonDays, seasonPeriod, ...(Object.keys(regressors).length > 0 ? { regressors } : {}) });
}
