import { describe, expect, it } from 'vitest';
import { candidateMethods } from './candidate-methods.ts';
import { fitCandidates } from './fit-candidates.ts';
import { seededRandom } from '../seeded-random.ts';

/** Steady daily demand around 40 with noise and no weekly cycle. */
function acyclicDemand(days: number): number[] {
  const random = seededRandom(3);
  return Array.from({ length: days }, () => 40 + Math.round(10 * (random() - 0.5)));
}

describe('candidateMethods', () => {
  it('gives smooth demand without a cycle SES, the baseline, theta, ARIMA and their combination, not damped trend', () => {
    const values = acyclicDemand(200);
    expect(candidateMethods('smooth', values, 7)).toEqual(['ses', 'seasonal-naive', 'theta', 'arima', 'combination']);
  });

  it('keeps damped trend in the exponential-smoothing family the AutoETS reference selects from', () => {
    expect(candidateMethods('smooth', acyclicDemand(200), 7, 'ets')).toEqual(['ses', 'damped-trend']);
  });

  it('combines SES, ARIMA and theta for a series without a cycle, reusing the fitted members', () => {
    const values = acyclicDemand(200);
    const models = fitCandidates(candidateMethods('smooth', values, 7), values, 7);
    const byMethod = new Map(models.map((m) => [m.method, m]));
    const combination = byMethod.get('combination')!;
    const members = ['ses', 'arima', 'theta'].map((m) => byMethod.get(m as 'ses')!.forecastAt(150, 7));
    const expected = members[0]!.map((_, k) => (members[0]![k]! + members[1]![k]! + members[2]![k]!) / 3);
    const combined = combination.forecastAt(150, 7);
    for (let k = 0; k < 7; k++) expect(combined[k]).toBeCloseTo(expected[k]!, 9);
  });
});
