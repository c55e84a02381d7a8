import type { FittedModel, MethodName } from '../types.ts';

export interface FittedParts {
  readonly method: MethodName;
  readonly params: Readonly<Record<string, number>>;
  readonly minOrigin: number;
  readonly forecastAt: (origin: number, horizon: number) => number[];
  /** Called at most once, on first use: auto selection fits several models and reads no residuals. */
  readonly residuals: () => number[];
}

/**
 * The one concrete FittedModel every estimator returns. Object literals with a getter get
 * a hidden class per estimator, and the hot callers (backtest, error pool) then met up to
 * seven shapes: each new one deoptimised and recompiled them, a visible share of every
 * worker's warm-up. One class keeps those call sites monomorphic.
 */
export class Fitted implements FittedModel {
  readonly method: MethodName;
  readonly params: Readonly<Record<string, number>>;
  readonly minOrigin: number;
  readonly #forecastAt: (origin: number, horizon: number) => number[];
  readonly #computeResiduals: () => number[];
  #residuals: number[] | undefined;

  constructor(parts: FittedParts) {
    this.method = parts.method;
    this.params = parts.params;
    this.minOrigin = parts.minOrigin;
    this.#forecastAt = parts.forecastAt;
    this.#computeResiduals = parts.residuals;
  }

  get residuals(): number[] {
    this.#residuals ??= this.#computeResiduals();
    return this.#residuals;
  }

  forecastAt(origin: number, horizon: number): number[] {
    return this.#forecastAt(origin, horizon);
  }
}
