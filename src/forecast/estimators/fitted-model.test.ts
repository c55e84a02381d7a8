import { describe, expect, it } from 'vitest';
import { ESTIMATORS } from './estimator-registry.ts';
import { METHOD_NAMES } from '../types.ts';
import { syntheticDailySeries } from '../../../test/fixtures/forecast/synthetic-daily-retail.ts';
import { seededRandom } from '../seeded-random.ts';

describe('remembered forecasts (readForecastAt)', () => {
  const values = syntheticDailySeries(seededRandom(5), 240);
  // More distinct (origin, horizon) pairs than are remembered, revisited out of order, with a
  // same-kind model fitted in between (its shared state path overwrites the first one's).
  const asks: Array<[number, number]> = [[150, 28], [178, 28], [206, 28], [150, 28], [206, 12], [120, 5], [178, 28], [150, 28], [100, 28], [150, 28], [206, 28], [239, 1], [240, 28]];

  for (const method of METHOD_NAMES) {
    it(`${method}: every read equals a fresh forecast, and a fresh one is never the remembered array`, () => {
      const model = ESTIMATORS[method](values, 7);
      for (const [i, [origin, horizon]] of asks.entries()) {
        if (i === 6) ESTIMATORS[method](syntheticDailySeries(seededRandom(6), 200), 7).forecastAt(150, 28);
        const read = model.readForecastAt(origin, horizon);
        const fresh = model.forecastAt(origin, horizon);
        expect(read).toEqual(fresh);
        expect(read).not.toBe(fresh);
        fresh.fill(-1);
        expect(model.readForecastAt(origin, horizon)).toEqual(model.forecastAt(origin, horizon));
      }
    });
  }
});
