import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.ts';
import { RidgeAccumulator } from './ridge.ts';

describe('ridge accumulator', () => {
  it('adding a column-major block of samples gives the same fit as adding them one by one, whatever columns stay constant', () => {
    const p = 6;
    const random = seededRandom(3);
    const byRow = new RidgeAccumulator(p);
    const byBlock = new RidgeAccumulator(p);
    for (let block = 0; block < 20; block++) {
      const rows = 1 + (block % 9);
      // Column 0 intercept, 1 constant per block, 2 zero in some blocks, 3–5 varying (5 only sometimes).
      const level = 1 + random();
      const columnMajor = new Float64Array(rows * p);
      const y = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        const row = [1, level, block % 3 === 0 ? 0 : random(), random(), r / rows, block % 2 === 0 ? 0.5 : random()];
        row.forEach((v, j) => (columnMajor[j * rows + r] = v));
        y[r] = 2 + 3 * level - row[3]! + 0.5 * row[4]! + 0.1 * random();
        byRow.add(Float64Array.from(row), y[r]!);
      }
      byBlock.addBlock(columnMajor, y, rows);
    }
    expect(byBlock.samples).toBe(byRow.samples);
    const expected = byRow.solve(1e-3);
    byBlock.solve(1e-3).forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 9));
  });

  it('sums each product of two varying columns over the rows in order, so the sums do not depend on how the products are grouped', () => {
    const p = 10;
    const random = seededRandom(11);
    const ridge = new RidgeAccumulator(p);
    const expected = new Array<number>(p * p).fill(0);
    for (let block = 0; block < 5; block++) {
      const rows = 28;
      const columnMajor = Float64Array.from({ length: rows * p }, () => random());
      ridge.addBlock(columnMajor, new Float64Array(rows).fill(1), rows);
      for (let j = 0; j < p; j++) {
        for (let i = 0; i <= j; i++) {
          let cross = 0;
          for (let r = 0; r < rows; r++) cross += columnMajor[j * rows + r]! * columnMajor[i * rows + r]!;
          expected[j * p + i]! += cross;
        }
      }
    }
    const { xtx } = ridge.sums();
    for (let j = 0; j < p; j++) for (let i = 0; i <= j; i++) expect(xtx[j * p + i]).toBe(expected[j * p + i]);
  });

  it('sums Xᵀy and the cross products of varying with constant columns in row order, with or without columns promised constant', () => {
    const p = 9;
    const random = seededRandom(5);
    const checked = new RidgeAccumulator(p);
    const promised = new RidgeAccumulator(p);
    const promise = [true, false, true, false, false, false, true, false, false];
    const expectedXty = new Array<number>(p).fill(0);
    const expectedCross = new Array<number>(p).fill(0);
    for (let block = 0; block < 6; block++) {
      const rows = 28;
      const constants = [1, 0.3 + random(), 2 + random()];
      const columnMajor = Float64Array.from({ length: rows * p }, (_, i) => {
        const j = Math.floor(i / rows);
        return j === 0 ? constants[0]! : j === 2 ? constants[1]! : j === 6 ? constants[2]! : j === 8 && block % 2 === 0 ? 0 : random();
      });
      const y = Float64Array.from({ length: rows }, () => random());
      checked.addBlock(columnMajor, y, rows);
      promised.addBlock(columnMajor, y, rows, promise);
      for (let j = 0; j < p; j++) {
        let sumY = 0;
        let sum = 0;
        for (let r = 0; r < rows; r++) {
          sumY += columnMajor[j * rows + r]! * y[r]!;
          sum += columnMajor[j * rows + r]!;
        }
        // Varying columns: Σ x·y over the rows in order; constant ones: value × Σ y. Column 1 with the constant column 2: value × Σ column 1.
        if (promise[j]) {
          let ySum = 0;
          for (let r = 0; r < rows; r++) ySum += y[r]!;
          expectedXty[j]! += columnMajor[j * rows]! * ySum;
        } else expectedXty[j]! += sumY;
        if (j === 1) expectedCross[1]! += constants[1]! * sum;
      }
    }
    const a = checked.sums();
    const b = promised.sums();
    expect(b).toEqual(a);
    for (let j = 0; j < p; j++) expect(a.xty[j]).toBe(expectedXty[j]);
    expect(a.xtx[2 * p + 1]).toBe(expectedCross[1]);
  });
});
