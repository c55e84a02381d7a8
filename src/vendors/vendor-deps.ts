import type { Logger } from 'pino';
import type { BudgetReservation } from '../resilience/rate-budget.ts';
import type { UpstreamPolicy } from '../resilience/upstream-policy.ts';
import type { SealedValues } from '../secrets/sealed-values.ts';
import type { UpstreamObserver } from '../observability/upstream-observer.ts';

/** What start-up hands every vendor source factory: built once, shared by all requests. */
export interface VendorDeps {
  /** The vendor's resilience policy (timeouts, retries, breaker, rate budget). */
  readonly policy: UpstreamPolicy;
  readonly logger: Logger;
  readonly observer?: UpstreamObserver;
  /** Shopify only: the policy's cost-bucket model, fed from every answer's `extensions.cost`. */
  readonly costFeedback?: ShopifyCostFeedback;
  /** Secrets the vendor must keep across restarts, sealed in the state store (Shopify's rotating refresh token). */
  readonly sealedValues?: SealedValues;
}

export interface ShopifyCostFeedback {
  observe(
    throttleStatus: { readonly maximumAvailable: number; readonly currentlyAvailable: number; readonly restoreRate: number } | undefined,
    requestedQueryCost?: number,
    actualQueryCost?: number | null,
    /** The answering attempt's reservation, as the policy handed it to the attempt. */
    reservation?: BudgetReservation,
  ): void;
}
