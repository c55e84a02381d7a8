import { describe, expect, it } from 'vitest';
import { forecastSeries, runForecast } from './forecast-series.ts';
import { fitHoltWinters, SEASONAL_SPECS } from './estimators/holt-winters.ts';
import { fitSes } from './estimators/ses.ts';
import { fitDampedTrend } from './estimators/damped-trend.ts';
import { fitCroston } from './estimators/croston.ts';
import { fitTsb } from './estimators/tsb.ts';
import { copyHorizonErrors } from './selection/horizon-errors.ts';
import { runSeasonalFilter, seasonalForecast } from './estimators/seasonal-filter.ts';
import { seasonalProblem } from './estimators/seasonal-problem.ts';
import { syntheticDailySeries } from '../../test/fixtures/forecast/synthetic-daily-retail.ts';
import { seededRandom } from './seeded-random.ts';

// The engine reuses memory between series (scratch buffers, one shared state path per
// estimator kind). These tests pin the promise that makes that safe: nothing a caller
// holds ever changes because another forecast ran.
const a = syntheticDailySeries(seededRandom(1), 200);
const b = syntheticDailySeries(seededRandom(2), 300);
const sparse = Array.from({ length: 90 }, (_, t) => (t % 6 === 0 ? 1 + (t % 4) : 0));

describe('memory reuse between forecasts', () => {
  it('models of one kind take turns on the shared path and each reads its own states', () => {
    const spec = SEASONAL_SPECS['holt-winters-damped'];
    // Reference: the same filter run into fresh memory, bypassing the shared path.
    const reference = (y: number[], params: Readonly<Record<string, number>>, origin: number): number[] => {
      const p = { alpha: params.alpha!, beta: params.beta!, gamma: params.gamma!, phi: params.phi!, form: spec.form };
      const path = runSeasonalFilter(y, 7, seasonalProblem(y, 7, spec.form, true).start, p);
      return seasonalForecast(path, 7, p, origin, 10);
    };
    const first = fitHoltWinters(a, 7, spec);
    const second = fitHoltWinters(b, 7, spec);
    for (let round = 0; round < 2; round++) {
      expect(first.forecastAt(150, 10)).toEqual(reference(a, first.params, 150));
      expect(second.forecastAt(250, 10)).toEqual(reference(b, second.params, 250));
    }
  });

  it('keeps every estimator kind right when fits interleave', () => {
    const fits = [
      (y: number[]) => fitSes(y),
      (y: number[]) => fitDampedTrend(y),
      (y: number[]) => fitCroston(y, 'sba'),
      (y: number[]) => fitTsb(y),
    ];
    for (const fit of fits) {
      const alone = fit(a).forecastAt(150, 10);
      const first = fit(a);
      const second = fit(b);
      second.forecastAt(250, 10);
      expect(first.forecastAt(150, 10)).toEqual(alone);
      const residuals = [...second.residuals];
      first.forecastAt(100, 3);
      expect(second.residuals).toEqual(residuals);
    }
  });

  it('runForecast returns errors of its own that later forecasts do not overwrite', () => {
    const run = runForecast(a, { horizon: 14, seasonPeriod: 7 });
    const snapshot = run.errors.rows.map((row) => Array.from(row));
    forecastSeries(b, { horizon: 28, seasonPeriod: 7 });
    runForecast(sparse, { horizon: 14, seasonPeriod: 7 });
    expect(run.errors.rows.map((row) => Array.from(row))).toEqual(snapshot);
  });

  it('gives the same answer for a series however many forecasts ran before it', () => {
    const alone = forecastSeries(b, { horizon: 28, seasonPeriod: 7 });
    forecastSeries(a, { horizon: 7, seasonPeriod: 7 });
    forecastSeries(sparse, { horizon: 5, seasonPeriod: 12 });
    expect(forecastSeries(b, { horizon: 28, seasonPeriod: 7 })).toEqual(alone);
  });

  it('copies error rows into one block of fresh memory', () => {
    const errors = { origins: [5, 4], rows: [Float64Array.from([1, 2]), Float64Array.from([3])] };
    const copy = copyHorizonErrors(errors);
    expect(copy.rows.map((row) => Array.from(row))).toEqual([[1, 2], [3]]);
    errors.rows[0]![0] = 99;
    expect(copy.rows[0]![0]).toBe(1);
    expect(copy.origins).toEqual([5, 4]);
  });
});
