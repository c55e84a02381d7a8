/**
 * Ridge regression by normal equations: accumulate XᵀX and Xᵀy sample by sample (no design
 * matrix in memory, so millions of pooled samples cost only p² each), then solve
 * (XᵀX + λ·n·I)w = Xᵀy by Cholesky. The intercept (feature 0) is not penalised.
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
