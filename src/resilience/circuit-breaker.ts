import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, SamplingBreaker, type CircuitBreakerPolicy } from 'cockatiel';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { UpstreamError } from '../errors/gateway-error.ts';
import { BreakerMode, type BreakerSettings } from '../config/resilience-config.ts';
import { CallCancelledError, VendorUnavailableError } from './resilience-errors.ts';
import { CircuitStatus } from './vendor-health.ts';

/** Failures that say the vendor itself is in trouble; a 4xx, a bad payload or a client that went away do not. */
const BREAKING_CLASSES: ReadonlySet<UpstreamErrorClass> = new Set([
  UpstreamErrorClass.NETWORK,
  UpstreamErrorClass.TIMEOUT,
  UpstreamErrorClass.SERVER,
]);

export function breaksCircuit(error: Error): boolean {
  return (
    error instanceof UpstreamError && !(error instanceof VendorUnavailableError) && !(error instanceof CallCancelledError) && BREAKING_CLASSES.has(error.errorClass)
  );
}

export function buildCircuitBreaker(settings: BreakerSettings): CircuitBreakerPolicy {
  const breaker =
    settings.mode === BreakerMode.CONSECUTIVE
      ? new ConsecutiveBreaker(settings.threshold)
      : new SamplingBreaker({ threshold: settings.ratio, duration: settings.windowMs, minimumRps: settings.minimumRps });
  return circuitBreaker(handleWhen(breaksCircuit), { halfOpenAfter: settings.halfOpenAfterMs, breaker });
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
