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
  // The last four forecasts readForecastAt computed: origin, horizon and array per slot (fields, not a list: nothing to allocate).
  #origin0 = -1;
  #horizon0 = -1;
  #forecast0: number[] = EMPTY;
  #origin1 = -1;
  #horizon1 = -1;
  #forecast1: number[] = EMPTY;
  #origin2 = -1;
  #horizon2 = -1;
  #forecast2: number[] = EMPTY;
  #origin3 = -1;
  #horizon3 = -1;
  #forecast3: number[] = EMPTY;
  #nextSlot = 0;

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

  /**
   * The same numbers as forecastAt, but possibly the very array an earlier call returned:
   * read it, never change or keep it. Selection asks each member of a combination at the
   * same origins up to three times (its own score, the ETS/ARIMA/theta combination, the
   * combination with the global model), so the last four forecasts are remembered. Every
   * estimator's forecast depends only on (origin, horizon): the fit is fixed, and a state
   * path that another model overwrote is recomputed to the same numbers.
   */
  readForecastAt(origin: number, horizon: number): readonly number[] {
    if (origin === this.#origin0 && horizon === this.#horizon0) return this.#forecast0;
    if (origin === this.#origin1 && horizon === this.#horizon1) return this.#forecast1;
    if (origin === this.#origin2 && horizon === this.#horizon2) return this.#forecast2;
    if (origin === this.#origin3 && horizon === this.#horizon3) return this.#forecast3;
    const forecast = this.#forecastAt(origin, horizon);
    const slot = this.#nextSlot;
    this.#nextSlot = (slot + 1) & 3;
    if (slot === 0) {
      this.#origin0 = origin;
      this.#horizon0 = horizon;
      this.#forecast0 = forecast;
    } else if (slot === 1) {
      this.#origin1 = origin;
      this.#horizon1 = horizon;
      this.#forecast1 = forecast;
    } else if (slot === 2) {
      this.#origin2 = origin;
      this.#horizon2 = horizon;
      this.#forecast2 = forecast;
    } else {
      this.#origin3 = origin;
      this.#horizon3 = horizon;
      this.#forecast3 = forecast;
    }
    return forecast;
  }
}

const EMPTY: number[] = [];
