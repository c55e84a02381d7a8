import type { CircuitState, IBreaker } from 'cockatiel';

/**
 * Opens when any of its breakers would: every breaker sees every outcome (none is skipped
 * because another already tripped), so each keeps its own window or count in step.
 */
export class EitherBreaker implements IBreaker {
  private readonly breakers: readonly IBreaker[];

  constructor(breakers: readonly IBreaker[]) {
    this.breakers = breakers;
  }

  get state(): unknown {
    return this.breakers.map((breaker) => breaker.state);
  }

  set state(value: unknown) {
    if (!Array.isArray(value)) return;
    this.breakers.forEach((breaker, index) => {
      breaker.state = value[index];
    });
  }

  success(state: CircuitState): void {
    for (const breaker of this.breakers) breaker.success(state);
  }

  failure(state: CircuitState): boolean {
    return this.breakers.map((breaker) => breaker.failure(state)).some(Boolean);
  }
}
