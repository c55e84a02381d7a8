import { describe, expect, it } from 'vitest';
import { syntheticDailyRetail } from '../../test/fixtures/forecast/synthetic-daily-retail.ts';
import { scoreSeries } from './cli/window-scores.ts';
import { summariseBacktest } from './cli/score-summary.ts';

// Out-of-sample check on seeded synthetic daily retail demand (weekly + yearly season,
// trend, promotions, over-dispersed counts). Bands are wider than the targets measured on
// the 500-series set because 60 series give a noisier ratio; they catch real regressions.
describe('calibration on synthetic daily retail demand', () => {
  const series = syntheticDailyRetail({ series: 60, days: 400, seed: 11 });
  const scores = series.flatMap((values) => scoreSeries({ values }, { horizon: 28, windows: 2, season: 7 }));
  const summary = summariseBacktest(scores, series.length, 2);

  it('80% and 95% intervals cover about 80% and 95% of actuals', () => {
    expect(summary.auto.coverage80).toBeGreaterThan(0.72);
    expect(summary.auto.coverage80).toBeLessThan(0.88);
    expect(summary.auto.coverage95).toBeGreaterThan(0.88);
    expect(summary.auto.coverage95).toBeLessThan(0.985);
  });

  it('beats seasonal naive on MASE and SQL', () => {
    expect(summary.auto.mase!).toBeLessThan(0.9 * summary.seasonalNaive.mase!);
    expect(summary.auto.sql!).toBeLessThan(summary.seasonalNaive.sql!);
  });
});
