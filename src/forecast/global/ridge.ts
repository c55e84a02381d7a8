import { IndexScratch, ScratchBuffer } from '../scratch-buffer.ts';

const varyingScratch = new IndexScratch();
const constantScratch = new IndexScratch();
const columnSumScratch = new ScratchBuffer();

/**
 * Ridge regression by normal equations: accumulate XᵀX and Xᵀy sample by sample or block
 * by block (no design matrix in memory, so millions of pooled samples cost only p² each),
 * then solve (XᵀX + λ·n·I)w = Xᵀy by Cholesky. The intercept (feature 0) is not penalised.
 */
export class RidgeAccumulator {
  readonly #p: number;
  readonly #xtx: Float64Array;
  readonly #xty: Float64Array;
  #n = 0;

  constructor(features: number) {
    this.#p = features;
    this.#xtx = new Float64Array(features * features);
    this.#xty = new Float64Array(features);
  }

  get samples(): number {
    return this.#n;
  }

  add(x: Float64Array, y: number, weight = 1): void {
    const p = this.#p;
    for (let i = 0; i < p; i++) {
      const xi = x[i]! * weight;
      if (xi === 0) continue;
      this.#xty[i]! += xi * y;
      const row = i * p;
      for (let j = 0; j <= i; j++) this.#xtx[row + j]! += xi * x[j]!;
    }
    this.#n++;
  }

  /**
   * Adds `rows` samples at once: row r is x = block[r·p … r·p + p), target y[r]. The same
   * sums as `add` row by row, but a column that holds one value in every row of the block
   * (in a forecast origin's block: the intercept, the origin's levels, a price that did
   * not change, a promotion flag that stayed 0) enters through its column sums, so the
   * per-row work is only between the columns that vary: ~25 products a row instead of
   * p(p+1)/2 = 105 with two regressors, a quarter of a series' own regression's cost.
   */
  addBlock(block: Float64Array, y: ArrayLike<number>, rows: number): void {
    const p = this.#p;
    if (rows <= 0) return;
    const varying = varyingScratch.take(p);
    const constant = constantScratch.take(p);
    let nv = 0;
    let nc = 0;
    for (let j = 0; j < p; j++) {
      const first = block[j]!;
      let same = true;
      for (let r = 1; r < rows && same; r++) same = block[r * p + j] === first;
      if (!same) varying[nv++] = j;
      else if (first !== 0) constant[nc++] = j;
    }
    let ySum = 0;
    for (let r = 0; r < rows; r++) ySum += y[r]!;
    const columnSums = columnSumScratch.take(p);
    for (let a = 0; a < nv; a++) {
      const j = varying[a]!;
      let sum = 0;
      let sumY = 0;
      for (let r = 0; r < rows; r++) {
        const v = block[r * p + j]!;
        sum += v;
        sumY += v * y[r]!;
      }
      columnSums[j] = sum;
      this.#xty[j]! += sumY;
      for (let b = 0; b <= a; b++) {
        const i = varying[b]!;
        let cross = 0;
        for (let r = 0; r < rows; r++) cross += block[r * p + j]! * block[r * p + i]!;
        this.#xtx[j * p + i]! += cross;
      }
    }
    for (let a = 0; a < nc; a++) {
      const j = constant[a]!;
      const cj = block[j]!;
      this.#xty[j]! += cj * ySum;
      for (let b = 0; b < nc; b++) {
        const i = constant[b]!;
        if (i <= j) this.#xtx[j * p + i]! += rows * cj * block[i]!;
      }
      for (let b = 0; b < nv; b++) {
        const i = varying[b]!;
        const product = cj * columnSums[i]!;
        if (i < j) this.#xtx[j * p + i]! += product;
        else this.#xtx[i * p + j]! += product;
      }
    }
    this.#n += rows;
  }

  solve(lambda: number): number[] {
    const p = this.#p;
    const a = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        a[i * p + j] = this.#xtx[i * p + j]!;
        a[j * p + i] = this.#xtx[i * p + j]!;
      }
      if (i > 0) a[i * p + i]! += lambda * Math.max(1, this.#n);
      a[i * p + i]! += 1e-9;
    }
    return choleskySolve(a, Float64Array.from(this.#xty), p);
  }
}

function choleskySolve(a: Float64Array, b: Float64Array, p: number): number[] {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * p + j]!;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * p + k]! * z[k]!;
    z[i] = sum / l[i * p + i]!;
  }
  const w = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i]! * w[k]!;
    w[i] = sum / l[i * p + i]!;
  }
  return w;
}
