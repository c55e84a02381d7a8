import { BrokenCircuitError, CircuitState, type IBreaker } from 'cockatiel';
import type { Clock } from './clock.ts';

export interface ProbingCircuitBreakerOptions {
  /** Decides, while closed, when to open (cockatiel's SamplingBreaker, ConsecutiveBreaker, or both). */
  readonly breaker: IBreaker;
  readonly halfOpenAfterMs: number;
  /** Calls admitted while half-open. */
  readonly probes: number;
  /** Half-open reopens once more than this share of `probes` failed. */
  readonly probeFailureRatio: number;
  /** A failure that counts against the vendor. */
  readonly breaks: (error: unknown) => boolean;
  /** An outcome that counts neither way (the call never reached the vendor, or its caller left). */
  readonly neutral: (error: unknown) => boolean;
  readonly clock: Clock;
}

type Listener = (state: CircuitState) => void;

type Phase =
  | { readonly state: typeof CircuitState.Closed }
  | { readonly state: typeof CircuitState.Open; readonly openedAt: number }
  | { readonly state: typeof CircuitState.HalfOpen; admitted: number; succeeded: number; failed: number };

/**
 * A circuit breaker whose half-open state admits several probes, not one.
 *
 * Cockatiel's own CircuitBreakerPolicy lets exactly one call through after the cool-down and
 * closes on its success. For a vendor that fails a share of its calls that is a coin toss per
 * cool-down, and under load every other caller waits on that single call. Here the cool-down
 * admits `probes` calls (further calls fail fast as before); the circuit closes once they have all
 * answered with at most `probeFailureRatio` of them failed, and opens again as soon as more failed
 * than that allows, so a dead vendor is detected on the first failures. The closed-state decision
 * is still cockatiel's `IBreaker`, fed through the same success/failure protocol, and refusals are
 * cockatiel's BrokenCircuitError, so the policy around it is unchanged.
 *
 * Outcomes are attributed to the phase they started in: a slow call that began before the circuit
 * opened cannot close it, and a probe that answers after the circuit reopened is ignored.
 */
export class ProbingCircuitBreaker {
  private readonly options: ProbingCircuitBreakerOptions;
  private readonly listeners = new Set<Listener>();
  private phase: Phase = { state: CircuitState.Closed };

  constructor(options: ProbingCircuitBreakerOptions) {
    this.options = options;
  }

  get state(): CircuitState {
    return this.phase.state;
  }

  onStateChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async execute<T>(fn: () => Promise<T>): Promise<T> {
    const phase = this.admit();
    try {
      const value = await fn();
      this.settle(phase, 'success');
      return value;
    } catch (error) {
      this.settle(phase, this.options.neutral(error) ? 'neutral' : this.options.breaks(error) ? 'failure' : 'answered');
      throw error;
    }
  }

  /** Decides whether a call may start; returns the phase it belongs to. */
  private admit(): Phase {
    let phase = this.phase;
    if (phase.state === CircuitState.Open) {
      if (this.options.clock.now() - phase.openedAt < this.options.halfOpenAfterMs) throw new BrokenCircuitError();
      phase = this.enter({ state: CircuitState.HalfOpen, admitted: 0, succeeded: 0, failed: 0 });
    }
    if (phase.state === CircuitState.HalfOpen) {
      if (phase.admitted >= this.options.probes) throw new BrokenCircuitError();
      phase.admitted += 1;
    }
    return phase;
  }

  /** `answered`: the vendor answered with an error that is not its fault (a 4xx): not a failure. */
  private settle(phase: Phase, outcome: 'success' | 'failure' | 'neutral' | 'answered'): void {
    if (phase !== this.phase) return;
    if (phase.state === CircuitState.Closed) {
      if (outcome === 'success') this.options.breaker.success(CircuitState.Closed);
      else if (outcome === 'failure' && this.options.breaker.failure(CircuitState.Closed)) this.open();
      return;
    }
    if (phase.state !== CircuitState.HalfOpen) return;
    if (outcome === 'neutral') {
      phase.admitted -= 1; // the slot goes to another probe
      return;
    }
    if (outcome === 'failure') phase.failed += 1;
    else phase.succeeded += 1;
    if (phase.failed > this.options.probeFailureRatio * this.options.probes) this.open();
    else if (phase.succeeded + phase.failed >= this.options.probes) this.close();
  }

  private open(): void {
    this.enter({ state: CircuitState.Open, openedAt: this.options.clock.now() });
  }

  private close(): void {
    // The HalfOpen success is cockatiel's signal to start counting afresh (SamplingBreaker clears
    // its window, ConsecutiveBreaker its run), so failures from before the outage cannot reopen it.
    this.options.breaker.success(CircuitState.HalfOpen);
    this.enter({ state: CircuitState.Closed });
  }

  private enter<P extends Phase>(phase: P): P {
    this.phase = phase;
    for (const listener of this.listeners) listener(phase.state);
    return phase;
  }
}
