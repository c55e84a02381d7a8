import { describe, expect, it } from 'vitest';
import { forecastSeries } from './forecast-series.ts';
import { DEFAULT_QUANTILE_LEVELS } from './quantiles/quantile-levels.ts';

const weekly = Array.from({ length: 70 }, (_, t) => [10, 12, 14, 13, 20, 35, 25][t % 7]! + (t % 3));

describe('forecastSeries', () => {
  it('returns mean, every default quantile and the backtest for a seasonal series', () => {
    const result = forecastSeries(weekly, { horizon: 14, seasonPeriod: 7 });
    expect(result.mean).toHaveLength(14);
    expect(Object.keys(result.quantiles)).toEqual(DEFAULT_QUANTILE_LEVELS.map(String));
    expect(result.backtest.windows).toBe(3);
    expect(result.backtest.mase).toBeGreaterThan(0);
    expect(result.demandClass).toBe('smooth');
    expect(result.mean[5]).toBeGreaterThan(result.mean[0]!); // the weekly peak survives
  });

  it('keeps quantiles ordered and non-negative', () => {
    const result = forecastSeries(weekly, { horizon: 7, seasonPeriod: 7 });
    const levels = DEFAULT_QUANTILE_LEVELS.map(String);
    for (let k = 0; k < 7; k++) {
      const column = levels.map((l) => result.quantiles[l]![k]!);
      expect(column.every((v, i) => v >= 0 && (i === 0 || v >= column[i - 1]!))).toBe(true);
    }
  });

  it('forecasts a constant series as the constant with a zero-width interval', () => {
    const result = forecastSeries(new Array(40).fill(5), { horizon: 3, seasonPeriod: 7 });
    result.mean.forEach((v) => expect(v).toBeCloseTo(5, 6));
    result.quantiles['0.975']!.forEach((v) => expect(v).toBeCloseTo(5, 6));
  });

  it('uses the intermittent family on sparse demand and gives non-negative whole-unit quantiles', () => {
    const sparse = Array.from({ length: 48 }, (_, t) => (t % 5 === 0 ? 1 + (t % 3) : 0));
    const result = forecastSeries(sparse, { horizon: 6, seasonPeriod: 12 });
    expect(['intermittent', 'lumpy']).toContain(result.demandClass);
    expect(['sba', 'croston', 'tsb', 'ses', 'seasonal-naive']).toContain(result.method);
    for (const values of Object.values(result.quantiles)) values.forEach((v) => expect(Number.isInteger(v) && v >= 0).toBe(true));
  });

  it('never throws on degenerate data', () => {
    for (const data of [[], [NaN, null], [0, 0, 0, 0], [3], [null, 4, NaN, 6, null]]) {
      const result = forecastSeries(data, { horizon: 4, seasonPeriod: 7 });
      expect(result.mean).toHaveLength(4);
      result.mean.forEach((v) => expect(Number.isFinite(v) && v >= 0).toBe(true));
    }
    expect(forecastSeries([0, 0, 0], { horizon: 2 })).toMatchObject({ demandClass: 'no-demand', mean: [0, 0] });
  });

  it('reports how missing values were handled', () => {
    expect(forecastSeries([null, 4, NaN, 6, null], { horizon: 1 }).history).toEqual({
      length: 4,
      droppedLeading: 1,
      interpolated: 1,
      filledTrailing: 1,
    });
  });

  it('honours a forced method', () => {
    expect(forecastSeries(weekly, { horizon: 7, seasonPeriod: 7, method: 'seasonal-naive' }).mean).toEqual(weekly.slice(63));
  });

  it('rejects invalid options by name', () => {
    expect(() => forecastSeries([1, 2], { horizon: 0 })).toThrow(/horizon must be a positive integer, got 0/);
    expect(() => forecastSeries([1, 2], { horizon: 1, seasonPeriod: 1.5 })).toThrow(/seasonPeriod/);
    expect(() => forecastSeries([1, 2], { horizon: 1, quantiles: [1.2] })).toThrow(/quantile level must be in \(0, 1\), got 1.2/);
    expect(() => forecastSeries([1, 2], { horizon: 1, method: 'prophet' as never })).toThrow(/method must be 'auto' or one of/);
  });
});
