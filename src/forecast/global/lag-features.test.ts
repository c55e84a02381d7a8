import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.ts';
import { featureCount, levelAt, originConstantFeatures, originPart, originState, predictStep, weekdaySlots, writeFeatures } from './lag-features.ts';

describe('lag features', () => {
  it('a step\'s prediction without writing features equals the weights times the written features', () => {
    const random = seededRandom(11);
    const values = Array.from({ length: 120 }, () => 5 + 10 * random());
    const regressors = [Array.from({ length: 148 }, () => (random() < 0.2 ? 1 : 0)), Array.from({ length: 148 }, () => 9 + random())];
    const p = featureCount(2);
    const weights = Array.from({ length: p }, () => random() - 0.5);
    const x = new Float64Array(p);
    for (const origin of [3, 40, 120]) {
      const state = originState(values, regressors, origin);
      const slots = weekdaySlots(new Float64Array(14), values, state, origin, 28, 7);
      for (let k = 0; k < 28; k++) {
        writeFeatures(x, 0, 1, regressors, state, slots, origin, k, 28, 7);
        const expected = weights.reduce((sum, w, i) => sum + w * x[i]!, 0);
        expect(predictStep(weights, originPart(weights, state), regressors, state, slots, origin, k, 28, 7)).toBeCloseTo(expected, 10);
      }
    }
  });

  it('the features it calls origin constants hold one value over every step of an origin (the ridge block skips checking them)', () => {
    const random = seededRandom(5);
    const values = Array.from({ length: 150 }, () => (random() < 0.3 ? 0 : 2 + 8 * random()));
    const regressors = [Array.from({ length: 178 }, () => (random() < 0.3 ? 1 : 0)), Array.from({ length: 178 }, () => 7 + random())];
    const p = featureCount(2);
    const constant = originConstantFeatures(2);
    expect(constant).toHaveLength(p);
    const x = new Float64Array(p);
    for (const origin of [40, 100, 150]) {
      const state = originState(values, regressors, origin);
      const slots = weekdaySlots(new Float64Array(14), values, state, origin, 28, 7);
      const rows = Array.from({ length: 28 }, (_, k) => {
        writeFeatures(x, 0, 1, regressors, state, slots, origin, k, 28, 7);
        return [...x];
      });
      for (let j = 0; j < p; j++) {
        const distinct = new Set(rows.map((row) => row[j])).size;
        if (constant[j]) expect(distinct, `feature ${String(j)}`).toBe(1);
        // The others vary from step to step here (step share, lags, regressors on the target day).
        else expect(distinct, `feature ${String(j)}`).toBeGreaterThan(1);
      }
    }
  });

  it('the features read from the weekday slots are exactly those of each step computed on its own', () => {
    const random = seededRandom(23);
    const values = Array.from({ length: 130 }, () => (random() < 0.3 ? 0 : 3 + 10 * random()));
    const regressors = [Array.from({ length: 170 }, () => (random() < 0.2 ? 1 : 0)), Array.from({ length: 170 }, () => 9 + random())];
    const p = featureCount(2);
    const x = new Float64Array(p);
    for (const m of [1, 7, 12]) {
      for (const origin of [3, 13, 40, 130]) {
        const state = originState(values, regressors, origin);
        for (const horizon of [1, 5, 28, 40]) {
          const slots = weekdaySlots(new Float64Array(2 * m), values, state, origin, horizon, m);
          for (let k = 0; k < horizon; k++) {
            // Step k on its own: its lagged day, the same weekday over up to 4 cycles, each over the level.
            const t = origin + k;
            const lag = t - m * Math.ceil((k + 1) / m);
            let same = 0;
            let count = 0;
            for (let c = 0; c < 4 && lag - c * m >= 0; c++, count++) same += values[lag - c * m]!;
            const sameMean = count > 0 ? same / count / state.level : state.week;
            const expected = [1, state.week, lag >= 0 ? values[lag]! / state.level : state.week, sameMean, state.quarter, (k + 1) / horizon];
            for (let r = 0; r < 2; r++) {
              const now = regressors[r]![t] ?? 0;
              expected.push(now, now * sameMean, lag >= 0 ? regressors[r]![lag]! : 0, state.regressorMeans[r]!);
            }
            writeFeatures(x, 0, 1, regressors, state, slots, origin, k, horizon, m);
            expect([...x]).toEqual(expected);
          }
        }
      }
    }
  });

  it('an origin\'s state is exactly the means each computed on its own (one, two and three regressors, short histories, no sales)', () => {
    const random = seededRandom(31);
    const mean = (a: readonly number[], from: number, to: number): number => {
      const start = Math.max(0, from);
      let sum = 0;
      for (let t = start; t < to; t++) sum += a[t]!;
      return to <= start ? 0 : sum / (to - start);
    };
    const sales = Array.from({ length: 200 }, () => (random() < 0.4 ? 0 : 0.1 + 7.3 * random()));
    const quiet = sales.map((v, t) => (t >= 150 && t < 190 ? 0 : v));
    for (const values of [sales, quiet]) {
      for (const count of [0, 1, 2, 3]) {
        const regressors = Array.from({ length: count }, () => Array.from({ length: 230 }, () => 9.99 * random()));
        for (const origin of [1, 5, 7, 20, 28, 60, 91, 120, 190, 200]) {
          const state = originState(values, regressors, origin);
          const level = levelAt(values, origin);
          expect(state.level).toBe(level);
          expect(state.week).toBe(mean(values, origin - 7, origin) / level);
          expect(state.quarter).toBe(mean(values, origin - 91, origin) / level);
          expect([...state.regressorMeans]).toEqual(regressors.map((r) => mean(r, origin - 28, origin)));
        }
      }
    }
  });
});
