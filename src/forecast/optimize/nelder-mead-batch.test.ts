import { describe, expect, it } from 'vitest';
import { nelderMeadMinimize } from './nelder-mead.ts';
import { nelderMeadMinimizeBatch, type NelderMeadBatchObjective } from './nelder-mead-batch.ts';

const batchOf = (f: (x: Float64Array) => number): NelderMeadBatchObjective => (points, count, out) => {
  for (let k = 0; k < count; k++) out[k] = f(points[k]!);
};

describe('Nelder–Mead, every candidate step of an iteration evaluated in one call', () => {
  const bounds = { lower: [0.01, 0.01], upper: [0.5, 0.5] };
  const objectives: Array<[string, (x: Float64Array) => number]> = [
    ['a bowl inside the box', (x) => (x[0]! - 0.2) ** 2 + 3 * (x[1]! - 0.31) ** 2],
    ['a bowl whose minimum lies outside the box (clamped points)', (x) => (x[0]! + 1) ** 2 + (x[1]! - 2) ** 2],
    ['a bumpy surface (shrinks happen)', (x) => Math.sin(25 * x[0]!) * Math.cos(19 * x[1]!) + x[0]!],
    ['a surface that is NaN in a corner', (x) => (x[0]! > 0.45 ? Number.NaN : (x[0]! - 0.4) ** 2 + x[1]!)],
  ];
  for (const [name, f] of objectives) {
    it(`gives the same point and value as the plain search, bit for bit, on ${name}`, () => {
      for (const maxEvaluations of [3, 5, 12, 30, 60]) {
        for (const tolerance of [1e-4, 1e-12]) {
          const plain = nelderMeadMinimize(f, [0.1, 0.1], bounds, { maxEvaluations, tolerance });
          expect(nelderMeadMinimizeBatch(batchOf(f), [0.1, 0.1], bounds, { maxEvaluations, tolerance })).toEqual(plain);
        }
      }
    });
  }

  it('needs fewer objective calls than the plain search for the same answer', () => {
    let plainCalls = 0;
    const f = (x: Float64Array): number => (plainCalls++, Math.sin(25 * x[0]!) * Math.cos(19 * x[1]!));
    nelderMeadMinimize(f, [0.1, 0.1], bounds, { maxEvaluations: 30, tolerance: 0 });
    let batchCalls = 0;
    nelderMeadMinimizeBatch((points, count, out) => {
      batchCalls++;
      for (let k = 0; k < count; k++) out[k] = Math.sin(25 * points[k]![0]!) * Math.cos(19 * points[k]![1]!);
    }, [0.1, 0.1], bounds, { maxEvaluations: 30, tolerance: 0 });
    expect(plainCalls).toBeGreaterThanOrEqual(30);
    expect(batchCalls).toBeLessThan(plainCalls);
  });
});
