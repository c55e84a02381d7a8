import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitHoltWinters, SEASONAL_SPECS } from './holt-winters.ts';
import { fitSeasonalNaive } from './seasonal-naive.ts';

const week = [10, 20, 30, 40, 50, 60, 70];
const weeks = (n: number): number[] => Array.from({ length: 7 * n }, (_, t) => week[t % 7]!);

describe('Holt–Winters', () => {
  for (const method of Object.keys(SEASONAL_SPECS) as (keyof typeof SEASONAL_SPECS)[]) {
    it(`${method} reproduces a pure weekly pattern`, () => {
      const model = fitHoltWinters(weeks(6), 7, SEASONAL_SPECS[method]);
      model.forecastAt(42, 14).forEach((v, k) => expect(v).toBeCloseTo(week[k % 7]!, 4));
    });
  }

  it('seasonal naive reproduces the pattern exactly too', () => {
    expect(fitSeasonalNaive(weeks(3), 7).forecastAt(21, 7)).toEqual(week);
  });

  it('multiplicative seasonality with trend beats seasonal naive on AirPassengers', () => {
    const text = readFileSync(new URL('../../../test/fixtures/forecast/AirPassengers.csv', import.meta.url), 'utf8');
    const y = text.trim().split('\n').slice(1).map((line) => Number(line.split(',')[1]));
    const train = y.slice(0, 132);
    const actual = y.slice(132);
    const mape = (f: number[]): number => f.reduce((a, v, k) => a + Math.abs(v - actual[k]!) / actual[k]!, 0) / f.length;
    const hw = mape(fitHoltWinters(train, 12, SEASONAL_SPECS['holt-winters-multiplicative']).forecastAt(132, 12));
    const naive = mape(fitSeasonalNaive(train, 12).forecastAt(132, 12));
    expect(hw).toBeLessThan(0.06);
    expect(hw).toBeLessThan(naive);
  });

  it('only uses origins after the two seasons its start is estimated from', () => {
    expect(fitHoltWinters(weeks(4), 7, SEASONAL_SPECS['seasonal-ses']).minOrigin).toBe(14);
  });
});
