import { deadlineSignal } from './abortable.ts';
import type { BudgetReservation } from './rate-budget.ts';

/**
 * What a vendor client runs every upstream call through. Built once per vendor at start-up
 * (src/resilience/build-vendor-policy.ts) and handed to the client; never per request.
 */
export interface UpstreamCallOptions {
  /** Stable operation name for logs/metrics (bounded set, e.g. "productVariants"). */
  readonly operation: string;
  /** True only for calls that are safe to repeat (reads, or writes the vendor deduplicates). */
  readonly idempotent: boolean;
  /** Aborted when the client gives up. */
  readonly signal: AbortSignal;
  /** Epoch ms by which the client's answer is due. */
  readonly deadline: number;
  /** Expected rate-budget cost (Shopify query cost; 1 for REST calls). */
  readonly cost?: number;
}

export interface UpstreamPolicy {
  /**
   * Runs `call` once per attempt with the attempt's abort signal and, when the policy paces
   * calls, the rate-budget reservation the attempt holds (to be handed back with the answer).
   */
  execute<T>(call: (signal: AbortSignal, reservation?: BudgetReservation) => Promise<T>, options: UpstreamCallOptions): Promise<T>;
}

/**
 * A policy that only enforces the deadline: for tools and tests that drive a client without
 * resilience. Vendors get `buildVendorPolicy(vendorConfig, { logger })` at start-up
 * (src/resilience/build-vendor-policy.ts), which adds retries, breaker, bulkhead and rate budget.
 */
export const deadlineOnlyPolicy: UpstreamPolicy = {
  async execute(call, options) {
    // Not AbortSignal.any([signal, AbortSignal.timeout(ms)]): on Node 20 the composite holds its
    // timeout signal weakly, so a garbage collection before the deadline loses it and a call the
    // vendor never answers hangs (nodejs/node#57736). A plain timer, held until the call settles.
    const either = deadlineSignal(options.signal, Math.max(1, Math.floor(options.deadline - Date.now())));
    try {
      return await call(either.signal);
    } finally {
      either.dispose();
    }
  },
};
