import { describe, expect, it } from 'vitest';
import { leadTimeDemand } from './lead-time-demand.ts';
import { reorderPolicy } from './reorder-policy.ts';
import { syntheticDailySeries } from '../../../test/fixtures/forecast/synthetic-daily-retail.ts';
import { seededRandom } from '../seeded-random.ts';

const sparse = Array.from({ length: 120 }, (_, t) => (t % 4 === 0 ? 2 + (t % 3) : 0));
const daily = syntheticDailySeries(seededRandom(5), 365);

describe('lead-time demand', () => {
  it('is exactly L times the level for a constant series', () => {
    const ltd = leadTimeDemand(new Array(60).fill(10), { leadTimeDays: 7 });
    expect(ltd.mean).toBeCloseTo(70, 6);
    expect(ltd.quantiles['0.05']).toBeCloseTo(70, 6);
    expect(ltd.quantiles['0.95']).toBeCloseTo(70, 6);
  });

  it('bootstraps sparse demand into whole, non-negative totals around L × rate', () => {
    const ltd = leadTimeDemand(sparse, { leadTimeDays: 8, seed: 3 });
    for (const q of Object.values(ltd.quantiles)) expect(q).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(ltd.quantiles['0.5'])).toBe(true);
    expect(ltd.mean).toBeGreaterThan(4);
    expect(ltd.mean).toBeLessThan(10);
  });

  it('widens with lead-time variability', () => {
    const fixed = leadTimeDemand(daily, { leadTimeDays: 7, seasonPeriod: 7, seed: 1 });
    const variable = leadTimeDemand(daily, { leadTimeDays: 7, leadTimeStdDays: 3, seasonPeriod: 7, seed: 1 });
    expect(variable.quantiles['0.975']!).toBeGreaterThan(fixed.quantiles['0.975']!);
    expect(variable.quantiles['0.025']!).toBeLessThan(fixed.quantiles['0.025']!);
  });

  it('turns stock into a stock-out probability', () => {
    const none = leadTimeDemand(daily, { leadTimeDays: 7, seasonPeriod: 7, currentStock: 0 });
    const plenty = leadTimeDemand(daily, { leadTimeDays: 7, seasonPeriod: 7, currentStock: 1e6 });
    // Draws are whole past error paths of the chosen model (theta here), clipped at zero: the
    // rare path whose forecast overshot a whole week after a promotion draws zero demand.
    expect(none.stockoutProbability).toBeGreaterThan(0.98);
    expect(plenty.stockoutProbability).toBe(0);
  });

  it('is reproducible for a seed and rejects a negative lead time', () => {
    const a = leadTimeDemand(sparse, { leadTimeDays: 5, seed: 9 });
    expect(leadTimeDemand(sparse, { leadTimeDays: 5, seed: 9 })).toEqual(a);
    expect(() => leadTimeDemand(sparse, { leadTimeDays: -1 })).toThrow(/leadTimeDays must be a finite number ≥ 0, got -1/);
  });
});

describe('reorder policy', () => {
  it('applies the classic formulas to the forecast and reports the empirical alternative', () => {
    const policy = reorderPolicy({
      history: daily,
      seasonPeriod: 7,
      leadTimeDays: 7,
      serviceLevel: 0.95,
      currentStock: 40,
      orderingCost: 50,
      holdingCostPerUnitYear: 2,
      coverDays: 14,
    });
    expect(policy.z).toBeCloseTo(1.6449, 4);
    expect(policy.safetyStock).toBeCloseTo(policy.z * policy.sigma * Math.sqrt(7), 9);
    expect(policy.reorderPoint).toBeCloseTo(policy.meanDemand * 7 + policy.safetyStock, 9);
    expect(policy.empiricalReorderPoint).toBeGreaterThan(policy.meanDemand * 7);
    expect(policy.eoq).toBeGreaterThan(0);
    expect(policy.coverDaysOrderQuantity).toBeGreaterThan(0);
    expect(policy.daysOfCover).toBeGreaterThan(0);
    expect(policy.stockoutProbability).toBeGreaterThanOrEqual(0);
  });

  it('leaves EOQ and stock figures null when their inputs are missing', () => {
    const policy = reorderPolicy({ history: sparse, leadTimeDays: 3, serviceLevel: 0.9 });
    expect(policy).toMatchObject({ eoq: null, coverDaysOrderQuantity: null, daysOfCover: null, stockoutProbability: null });
  });
});
