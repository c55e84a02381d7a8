import { UpstreamErrorClass } from '../errors/error-code.ts';
import type { Clock } from './clock.ts';
import type { RateBudgetSnapshot } from './rate-budget.ts';
import type { RejectionReason } from './resilience-errors.ts';

export const CircuitStatus = { CLOSED: 'CLOSED', OPEN: 'OPEN', HALF_OPEN: 'HALF_OPEN' } as const;
export type CircuitStatus = (typeof CircuitStatus)[keyof typeof CircuitStatus];

export const HealthStatus = { UP: 'UP', DEGRADED: 'DEGRADED', DOWN: 'DOWN', UNKNOWN: 'UNKNOWN' } as const;
export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];

/**
 * What `Vendor.health` (schema/vendor.graphql) and /ready show: plain data, safe for clients.
 * The first fields are the gateway's VendorHealthSnapshot (src/resilience/vendor-health-snapshot.ts
 * on main); the rest are extras for metrics and the status page.
 */
export interface VendorHealthSnapshot {
  readonly status: HealthStatus;
  readonly circuit: CircuitStatus;
  /** Failed upstream attempts / attempts in the window; 0 without attempts. */
  readonly errorRate: number;
  /** 95th percentile latency of the window's attempts; null without attempts. */
  readonly latencyP95Ms: number | null;
  /** Share of the rate budget left, 0 to 1 (Shopify cost bucket, REST request rate); null when unlimited. */
  readonly rateLimitRemaining: number | null;
  /** Upstream attempts in the window. */
  readonly windowCalls: number;
  /** Sanitized message of the most recent failure (the UpstreamError's client-safe message). */
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly lastErrorClass: UpstreamErrorClass | null;
  readonly vendorId: string;
  readonly windowSeconds: number;
  readonly failures: number;
  /** Calls refused without an upstream request (open circuit, full bulkhead, rate budget). */
  readonly rejected: number;
  /** The rate budget in its own units (points or requests), null when unlimited. */
  readonly rateBudget: RateBudgetSnapshot | null;
  /** Retries the retry budget still allows in its window. */
  readonly retryBudgetRemaining: number;
}

export interface VendorHealthOptions {
  readonly windowMs?: number;
  readonly bucketMs?: number;
  /** Error rate (with at least `minAttempts`) at which the vendor counts as DEGRADED. */
  readonly degradedErrorRate?: number;
  readonly minAttempts?: number;
  readonly rateBudget?: () => RateBudgetSnapshot | null;
  readonly retryBudgetRemaining?: () => number;
}

interface Bucket {
  readonly start: number;
  attempts: number;
  failures: number;
  rejected: number;
  readonly latencies: number[];
}

const MAX_SAMPLES_PER_BUCKET = 512;
const MAX_MESSAGE = 200;
/** A client error (404, 422) is the caller's problem, not a sign of vendor trouble. */
const NOT_A_FAILURE: ReadonlySet<UpstreamErrorClass> = new Set([UpstreamErrorClass.CLIENT, UpstreamErrorClass.INVALID_INPUT]);

/**
 * A vendor's recent health: a sliding window of bucketed attempt outcomes, fed by the
 * vendor's policy, plus the circuit state from the breaker's events.
 */
export class VendorHealth {
  private readonly vendorId: string;
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly bucketMs: number;
  private readonly degradedErrorRate: number;
  private readonly minAttempts: number;
  private readonly options: VendorHealthOptions;
  private readonly buckets: Bucket[] = [];
  private circuit: CircuitStatus = CircuitStatus.CLOSED;
  private lastError: { readonly errorClass: UpstreamErrorClass; readonly message: string; readonly at: string } | null = null;

  constructor(vendorId: string, clock: Clock, options: VendorHealthOptions = {}) {
    this.vendorId = vendorId;
    this.clock = clock;
    this.options = options;
    this.windowMs = options.windowMs ?? 60_000;
    this.bucketMs = options.bucketMs ?? 5_000;
    this.degradedErrorRate = options.degradedErrorRate ?? 0.1;
    this.minAttempts = options.minAttempts ?? 5;
  }

  /** One upstream attempt ended; `failure` is null on success. */
  recordAttempt(ms: number, failure: { errorClass: UpstreamErrorClass; message: string } | null): void {
    const bucket = this.current();
    bucket.attempts += 1;
    if (bucket.latencies.length < MAX_SAMPLES_PER_BUCKET) bucket.latencies.push(ms);
    else bucket.latencies[Math.floor(Math.random() * MAX_SAMPLES_PER_BUCKET)] = ms;
    if (failure && !NOT_A_FAILURE.has(failure.errorClass)) {
      bucket.failures += 1;
      this.lastError = {
        errorClass: failure.errorClass,
        message: failure.message.slice(0, MAX_MESSAGE),
        at: new Date(this.clock.now()).toISOString(),
      };
    }
  }

  recordRejection(_reason: RejectionReason): void {
    this.current().rejected += 1;
  }

  setCircuit(state: CircuitStatus): void {
    this.circuit = state;
  }

  get circuitStatus(): CircuitStatus {
    return this.circuit;
  }

  snapshot(): VendorHealthSnapshot {
    this.prune();
    let attempts = 0;
    let failures = 0;
    let rejected = 0;
    const latencies: number[] = [];
    for (const bucket of this.buckets) {
      attempts += bucket.attempts;
      failures += bucket.failures;
      rejected += bucket.rejected;
      latencies.push(...bucket.latencies);
    }
    const errorRate = attempts === 0 ? 0 : failures / attempts;
    const rateBudget = this.options.rateBudget?.() ?? null;
    return {
      status: this.status(errorRate, attempts, rejected),
      circuit: this.circuit,
      errorRate,
      latencyP95Ms: percentile(latencies, 0.95),
      rateLimitRemaining: rateBudget ? rateBudget.fraction : null,
      windowCalls: attempts,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError?.at ?? null,
      lastErrorClass: this.lastError?.errorClass ?? null,
      vendorId: this.vendorId,
      windowSeconds: this.windowMs / 1000,
      failures,
      rejected,
      rateBudget,
      retryBudgetRemaining: this.options.retryBudgetRemaining?.() ?? 0,
    };
  }

  private status(errorRate: number, attempts: number, rejected: number): HealthStatus {
    if (this.circuit === CircuitStatus.OPEN) return HealthStatus.DOWN;
    if (this.circuit === CircuitStatus.HALF_OPEN) return HealthStatus.DEGRADED;
    if (rejected > 0) return HealthStatus.DEGRADED;
    if (attempts >= this.minAttempts && errorRate >= this.degradedErrorRate) return HealthStatus.DEGRADED;
    return HealthStatus.UP;
  }

  private current(): Bucket {
    this.prune();
    const start = Math.floor(this.clock.now() / this.bucketMs) * this.bucketMs;
    const last = this.buckets.at(-1);
    if (last && last.start === start) return last;
    const bucket: Bucket = { start, attempts: 0, failures: 0, rejected: 0, latencies: [] };
    this.buckets.push(bucket);
    return bucket;
  }

  private prune(): void {
    const oldest = this.clock.now() - this.windowMs;
    while (this.buckets.length > 0 && (this.buckets[0]?.start ?? 0) + this.bucketMs <= oldest) this.buckets.shift();
  }
}

/** Nearest-rank percentile; null for no samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}
