import { describe, expect, it } from 'vitest';
import { goldenSectionMinimize } from './golden-section.ts';
import { goldenSectionMinimizeBatch, type BatchObjective } from './golden-section-batch.ts';

const batchOf = (f: (x: number) => number): BatchObjective => (count, x0, x1, x2, out) => {
  const xs = [x0, x1, x2];
  for (let i = 0; i < count; i++) out[i] = f(xs[i]!);
};

describe('golden-section search, two steps per objective call', () => {
  const objectives: Array<[string, (x: number) => number]> = [
    ['a parabola', (x) => (x - 0.37) ** 2],
    ['a bumpy curve with several local minima', (x) => Math.sin(17 * x) + 0.3 * x],
    ['a flat stretch with ties', (x) => Math.max(0.2, Math.abs(x - 0.6))],
    ['a step', (x) => (x < 0.41 ? 1 : 0)],
  ];
  for (const [name, f] of objectives) {
    it(`finds the same point and value as the plain search, bit for bit, on ${name}`, () => {
      for (const evaluations of [2, 3, 4, 5, 17, 18, 24]) {
        const plain = goldenSectionMinimize(f, 0.001, 0.999, evaluations);
        expect(goldenSectionMinimizeBatch(batchOf(f), 0.001, 0.999, evaluations)).toEqual(plain);
      }
    });
  }

  it('asks for the same points as the plain search (plus the successor it did not need)', () => {
    const plainPoints: number[] = [];
    goldenSectionMinimize((x) => (plainPoints.push(x), Math.cos(9 * x)), 0.05, 0.5, 18);
    const batchPoints: number[] = [];
    let calls = 0;
    goldenSectionMinimizeBatch((count, x0, x1, x2, out) => {
      calls++;
      [x0, x1, x2].slice(0, count).forEach((x, i) => (batchPoints.push(x), (out[i] = Math.cos(9 * x))));
    }, 0.05, 0.5, 18);
    expect(plainPoints.every((x) => batchPoints.includes(x))).toBe(true);
    expect(calls).toBe(9);
  });
});
