import { IndexScratch, ScratchBuffer } from '../scratch-buffer.ts';
import { doubleArray } from '../double-array.ts';

const varyingScratch = new IndexScratch();
const constantScratch = new IndexScratch();
const columnSumScratch = new ScratchBuffer();
/** The solve's temporaries (a series' own regression solves once per forecast: no typed array allocation). */
const systemScratch = new ScratchBuffer();
const choleskyScratch = new ScratchBuffer();
const rightScratch = new ScratchBuffer();
const forwardScratch = new ScratchBuffer();

/** XᵀX (lower triangle, row-major), Xᵀy and the sample count of a RidgeAccumulator. */
export interface RidgeSums {
  readonly features: number;
  readonly xtx: readonly number[];
  readonly xty: readonly number[];
  readonly samples: number;
}

/**
 * Ridge regression by normal equations: accumulate XᵀX and Xᵀy sample by sample or block
 * by block (no design matrix in memory, so millions of pooled samples cost only p² each),
 * then solve (XᵀX + λ·n·I)w = Xᵀy by Cholesky. The intercept (feature 0) is not penalised.
 */
export class RidgeAccumulator {
  readonly #p: number;
  // Plain double arrays: a few hundred numbers on the heap cost less than a typed array's backing store.
  readonly #xtx: number[];
  readonly #xty: number[];
  #n = 0;

  constructor(features: number) {
    this.#p = features;
    this.#xtx = doubleArray(features * features);
    this.#xty = doubleArray(features);
  }

  get samples(): number {
    return this.#n;
  }

  /** The sums as plain data (posted between threads: each accumulates its share of the samples). */
  sums(): RidgeSums {
    return { features: this.#p, xtx: [...this.#xtx], xty: [...this.#xty], samples: this.#n };
  }

  /** Adds another accumulator's sums: the same as having added its samples here. */
  merge(other: RidgeSums): void {
    if (other.features !== this.#p) throw new RangeError(`cannot merge ridge sums of ${String(other.features)} features into ${String(this.#p)}`);
    for (let i = 0; i < this.#xtx.length; i++) this.#xtx[i]! += other.xtx[i]!;
    for (let i = 0; i < this.#xty.length; i++) this.#xty[i]! += other.xty[i]!;
    this.#n += other.samples;
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
   * Adds `rows` samples at once from a column-major block: feature j of sample r is
   * block[j·rows + r], its target y[r]. The same sums as `add` row by row, but a column
   * that holds one value in every row (in a forecast origin's block: the intercept, the
   * origin's levels, a price that did not change, a promotion flag that stayed 0) enters
   * through the column sums, so per-row products are only between columns that vary:
   * ~25 a row instead of p(p+1)/2 = 105 with two regressors. `constantColumns[j]` true
   * promises that column j holds one value in every row (the caller wrote it so: the
   * origin's levels), which spares checking it; any other column is checked.
   */
  addBlock(block: Float64Array, y: ArrayLike<number>, rows: number, constantColumns?: ArrayLike<boolean>): void {
    const p = this.#p;
    if (rows <= 0) return;
    const varying = varyingScratch.atLeast(p);
    const constant = constantScratch.atLeast(p);
    let nv = 0;
    let nc = 0;
    for (let j = 0; j < p; j++) {
      const column = j * rows;
      const first = block[column]!;
      let r = 1;
      if (constantColumns?.[j] === true) r = rows;
      else while (r < rows && block[column + r] === first) r++;
      if (r < rows) varying[nv++] = j;
      else if (first !== 0) constant[nc++] = j;
    }
    let ySum = 0;
    for (let r = 0; r < rows; r++) ySum += y[r]!;
    const columnSums = columnSumScratch.atLeast(p);
    for (let a = 0; a < nv; a++) this.#addVarying(block, y, rows, varying, a, columnSums);
    for (let a = 0; a < nc; a++) {
      const j = constant[a]!;
      const vj = block[j * rows]!;
      this.#xty[j]! += vj * ySum;
      for (let b = 0; b <= a; b++) {
        const i = constant[b]!;
        this.#xtx[j * p + i]! += rows * vj * block[i * rows]!;
      }
      for (let b = 0; b < nv; b++) {
        const i = varying[b]!;
        const product = vj * columnSums[i]!;
        if (i < j) this.#xtx[j * p + i]! += product;
        else this.#xtx[i * p + j]! += product;
      }
    }
    this.#n += rows;
  }

  /**
   * Varying column j = varying[a]: its column sum, its Xᵀy entry and its XᵀX entries with
   * every varying column up to it. The first pass over the rows takes the sums and the first
   * one to four products ((a + 1) mod 4, else four), every further pass four products: one
   * load of column j serves up to four products plus the sums (a separate pass for the sums
   * and one per left-over column cost a third of the block). Each entry is still summed over
   * the rows in order, so the sums are the same bit for bit as one column at a time (a
   * series' own regression spends most of its training here).
   */
  #addVarying(block: Float64Array, y: ArrayLike<number>, rows: number, varying: Int32Array, a: number, columnSums: Float64Array): void {
    const p = this.#p;
    const xtx = this.#xtx;
    const j = varying[a]!;
    const cj = j * rows;
    const row = j * p;
    const head = (a + 1) % 4 || 4;
    let sum = 0;
    let sumY = 0;
    if (head === 1) {
      let s0 = 0;
      for (let r = 0; r < rows; r++) {
        const v = block[cj + r]!;
        sum += v;
        sumY += v * y[r]!;
        s0 += v * v;
      }
      xtx[row + j]! += s0;
    } else if (head === 2) {
      const c0 = varying[0]! * rows;
      let s0 = 0;
      let s1 = 0;
      for (let r = 0; r < rows; r++) {
        const v = block[cj + r]!;
        sum += v;
        sumY += v * y[r]!;
        s0 += v * block[c0 + r]!;
        s1 += v * v;
      }
      xtx[row + varying[0]!]! += s0;
      xtx[row + j]! += s1;
    } else if (head === 3) {
      const c0 = varying[0]! * rows;
      const c1 = varying[1]! * rows;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let r = 0; r < rows; r++) {
        const v = block[cj + r]!;
        sum += v;
        sumY += v * y[r]!;
        s0 += v * block[c0 + r]!;
        s1 += v * block[c1 + r]!;
        s2 += v * v;
      }
      xtx[row + varying[0]!]! += s0;
      xtx[row + varying[1]!]! += s1;
      xtx[row + j]! += s2;
    } else {
      const c0 = varying[a - 3]! * rows;
      const c1 = varying[a - 2]! * rows;
      const c2 = varying[a - 1]! * rows;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0; r < rows; r++) {
        const v = block[cj + r]!;
        sum += v;
        sumY += v * y[r]!;
        s0 += v * block[c0 + r]!;
        s1 += v * block[c1 + r]!;
        s2 += v * block[c2 + r]!;
        s3 += v * v;
      }
      xtx[row + varying[a - 3]!]! += s0;
      xtx[row + varying[a - 2]!]! += s1;
      xtx[row + varying[a - 1]!]! += s2;
      xtx[row + j]! += s3;
    }
    columnSums[j] = sum;
    this.#xty[j]! += sumY;
    // The rest in fours: varying[0..a + 1 − head) (head 4 took the last four, the others the first ones and j).
    const from = head === 4 ? 0 : head - 1;
    const to = head === 4 ? a - 3 : a;
    for (let b = from; b < to; b += 4) {
      const i0 = varying[b]!;
      const i1 = varying[b + 1]!;
      const i2 = varying[b + 2]!;
      const i3 = varying[b + 3]!;
      const c0 = i0 * rows;
      const c1 = i1 * rows;
      const c2 = i2 * rows;
      const c3 = i3 * rows;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0; r < rows; r++) {
        const v = block[cj + r]!;
        s0 += v * block[c0 + r]!;
        s1 += v * block[c1 + r]!;
        s2 += v * block[c2 + r]!;
        s3 += v * block[c3 + r]!;
      }
      xtx[row + i0]! += s0;
      xtx[row + i1]! += s1;
      xtx[row + i2]! += s2;
      xtx[row + i3]! += s3;
    }
  }

  solve(lambda: number): number[] {
    const p = this.#p;
    const a = systemScratch.take(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        a[i * p + j] = this.#xtx[i * p + j]!;
        a[j * p + i] = this.#xtx[i * p + j]!;
      }
      if (i > 0) a[i * p + i]! += lambda * Math.max(1, this.#n);
      a[i * p + i]! += 1e-9;
    }
    const b = rightScratch.take(p);
    for (let i = 0; i < p; i++) b[i] = this.#xty[i]!;
    return choleskySolve(a, b, p);
  }
}

function choleskySolve(a: Float64Array, b: Float64Array, p: number): number[] {
  const l = choleskyScratch.take(p * p).fill(0);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * p + j]!;
    }
  }
  const z = forwardScratch.take(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * p + k]! * z[k]!;
    z[i] = sum / l[i * p + i]!;
  }
  const w = doubleArray(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i]! * w[k]!;
    w[i] = sum / l[i * p + i]!;
  }
  return w;
}
