import { CircuitState, ConsecutiveBreaker, SamplingBreaker, type IBreaker } from 'cockatiel';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { UpstreamError } from '../errors/gateway-error.ts';
import { assertNever } from '../model/platform.ts';
import type { Clock } from './clock.ts';
import { EitherBreaker } from './either-breaker.ts';
import { BreakerMode, type BreakerSettings } from '../config/resilience-config.ts';
import { CallCancelledError, VendorUnavailableError } from './resilience-errors.ts';
import { ProbingCircuitBreaker } from './probing-circuit-breaker.ts';
import { CircuitStatus } from './vendor-health.ts';

/** Failures that say the vendor itself is in trouble; a 4xx, a bad payload or a client that went away do not. */
const BREAKING_CLASSES: ReadonlySet<UpstreamErrorClass> = new Set([
  UpstreamErrorClass.NETWORK,
  UpstreamErrorClass.TIMEOUT,
  UpstreamErrorClass.SERVER,
]);

export function breaksCircuit(error: unknown): boolean {
  return error instanceof UpstreamError && !isNeutral(error) && BREAKING_CLASSES.has(error.errorClass);
}

/** Outcomes that say nothing about the vendor either way: no request reached it, or nobody waited for the answer. */
export function isNeutral(error: unknown): boolean {
  return error instanceof VendorUnavailableError || error instanceof CallCancelledError;
}

export function buildCircuitBreaker(settings: BreakerSettings, clock: Clock): ProbingCircuitBreaker {
  return new ProbingCircuitBreaker({
    breaker: closedStateBreaker(settings),
    halfOpenAfterMs: settings.halfOpenAfterMs,
    probes: settings.halfOpenProbes,
    probeFailureRatio: settings.ratio,
    breaks: breaksCircuit,
    neutral: isNeutral,
    clock,
  });
}

/** What decides, while closed, that the circuit should open (cockatiel's breakers). */
function closedStateBreaker(settings: BreakerSettings): IBreaker {
  const consecutive = () => new ConsecutiveBreaker(settings.threshold);
  // SamplingBreaker wants a rate; `minimumCalls` over the window is that rate.
  const sampling = () =>
    new SamplingBreaker({ threshold: settings.ratio, duration: settings.windowMs, minimumRps: (settings.minimumCalls * 1000) / settings.windowMs });
  switch (settings.mode) {
    case BreakerMode.CONSECUTIVE:
      return consecutive();
    case BreakerMode.SAMPLING:
      return sampling();
    case BreakerMode.COMBINED:
      return new EitherBreaker([sampling(), consecutive()]);
    default:
      return assertNever(settings.mode, 'breaker mode');
  }
}

export function circuitStatus(state: CircuitState): CircuitStatus {
  switch (state) {
    case CircuitState.Closed:
      return CircuitStatus.CLOSED;
    case CircuitState.HalfOpen:
      return CircuitStatus.HALF_OPEN;
    case CircuitState.Open:
    case CircuitState.Isolated:
      return CircuitStatus.OPEN;
  }
}
