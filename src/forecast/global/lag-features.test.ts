import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.ts';
import { featureCount, originPart, originState, predictStep, writeFeatures } from './lag-features.ts';

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
      for (let k = 0; k < 28; k++) {
        writeFeatures(x, 0, 1, values, regressors, state, origin, k, 28, 7);
        const expected = weights.reduce((sum, w, i) => sum + w * x[i]!, 0);
        expect(predictStep(weights, originPart(weights, state), values, regressors, state, origin, k, 28, 7)).toBeCloseTo(expected, 10);
      }
    }
  });
});
