import { UpstreamErrorClass } from '../errors/error-code.ts';
import { UpstreamError } from '../errors/gateway-error.ts';

export const RejectionReason = {
  CIRCUIT_OPEN: 'circuit_open',
  BULKHEAD_FULL: 'bulkhead_full',
  RATE_BUDGET: 'rate_budget',
} as const;
export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];

/**
 * The policy refused to send a call at all (open circuit, full bulkhead). It is an
 * UpstreamError of class `network` so callers treat it like an unreachable vendor
 * (code VENDOR_UNAVAILABLE, retryable), but the policy never retries it or counts it
 * against the breaker: no request reached the vendor.
 */
export class VendorUnavailableError extends UpstreamError {
  readonly reason: RejectionReason;

  constructor(vendorId: string, reason: typeof RejectionReason.CIRCUIT_OPEN | typeof RejectionReason.BULKHEAD_FULL) {
    const text = reason === RejectionReason.CIRCUIT_OPEN ? 'is failing; calls are paused for a cool-down' : 'has too many concurrent calls';
    super(`${vendorId} ${text}`, { vendorId, errorClass: UpstreamErrorClass.NETWORK, vendorMessage: text });
    this.name = 'VendorUnavailableError';
    this.reason = reason;
  }
}

/**
 * The caller went away (the client disconnected) while the call waited or ran. That says nothing
 * about the vendor: the policy neither retries it nor counts it against the breaker or health.
 * (A request that runs out of time is different: that is the vendor being slow, a TIMEOUT.)
 */
export class CallCancelledError extends UpstreamError {
  constructor(vendorId: string) {
    super(`${vendorId}: call cancelled because the client went away`, { vendorId, errorClass: UpstreamErrorClass.TIMEOUT });
    this.name = 'CallCancelledError';
  }
}

/** The call's signal was aborted by its caller, not by a deadline (those abort with a TimeoutError). */
export function cancelledByCaller(signal: AbortSignal): boolean {
  return signal.aborted && !(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError');
}

/** The deadline passed before (or while) an attempt ran. */
export function deadlineExceeded(vendorId: string): UpstreamError {
  return new UpstreamError(`${vendorId} did not answer in time`, { vendorId, errorClass: UpstreamErrorClass.TIMEOUT });
}

/** The rate budget cannot hold this call before the client's deadline; nothing was sent. */
export function rateBudgetExhausted(vendorId: string, waitMs: number): UpstreamError {
  return new UpstreamError(`${vendorId}: rate budget exhausted; the call would wait past the deadline`, {
    vendorId,
    errorClass: UpstreamErrorClass.RATE_LIMIT,
    retryAfterSeconds: Math.ceil(waitMs) / 1000,
    vendorMessage: 'rate budget exhausted',
  });
}
