/** A vendor's live health as `Vendor.health` and /ready report it. */
export interface VendorHealthSnapshot {
  readonly status: 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';
  readonly circuit: 'CLOSED' | 'OPEN' | 'HALF_OPEN';
  readonly errorRate: number;
  readonly latencyP95Ms: number | null;
  readonly rateLimitRemaining: number | null;
  readonly windowCalls: number;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
}

/** Where the gateway reads each vendor's health from (the resilience layer implements it). */
export interface VendorHealthProvider {
  snapshot(vendorId: string): VendorHealthSnapshot;
}

export const UNKNOWN_HEALTH: VendorHealthSnapshot = Object.freeze({
  status: 'UNKNOWN',
  circuit: 'CLOSED',
  errorRate: 0,
  latencyP95Ms: null,
  rateLimitRemaining: null,
  windowCalls: 0,
  lastError: null,
  lastErrorAt: null,
});
