import type { Clock } from './clock.ts';
import { PacedTokenBucket, type BucketRejections } from './paced-token-bucket.ts';
import { bucketSnapshot, type BudgetReservation, type CostBudget, type RateBudgetSnapshot } from './rate-budget.ts';
import type { CostBudgetSettings } from '../config/resilience-config.ts';

/** `extensions.cost.throttleStatus` of a Shopify GraphQL Admin answer. */
export interface ShopifyThrottleStatus {
  readonly maximumAvailable: number;
  readonly currentlyAvailable: number;
  readonly restoreRate: number;
}

/**
 * Shopify's calculated-query-cost bucket, modelled locally so calls wait for points instead
 * of being THROTTLED. Each attempt reserves its requested cost before it is sent; every
 * answer re-syncs the model from `throttleStatus`.
 *
 * Concurrency: an answer's `currentlyAvailable` was computed by Shopify before the calls
 * still in flight here were (perhaps) charged, so the model takes the reported figure minus
 * the cost of every other reservation in flight. That may count a call twice (Shopify had
 * already charged it) but never zero times, so the model errs towards waiting. The answer's
 * own reservation is handed back explicitly: the policy passes it to the attempt, and the
 * Shopify client returns it with `observe` (from VendorHttpClient's `inspectResponse`).
 * (An AsyncLocalStorage would also find it, but on Node 20 it switches on promise hooks for
 * the whole process, which cost the gateway about a fifth of its CPU per request.)
 * Answers of concurrent calls may arrive out of order; an older figure can then be slightly
 * optimistic, and a THROTTLED answer that results is retried by the policy after a re-sync.
 */
export class ShopifyCostBudget implements CostBudget {
  private readonly bucket: PacedTokenBucket;
  private readonly inFlight = new Set<BudgetReservation>();

  constructor(settings: CostBudgetSettings, clock: Clock, rejections: BucketRejections) {
    this.bucket = new PacedTokenBucket(
      { available: settings.maximumAvailable, maximum: settings.maximumAvailable, restoreRate: settings.restoreRate },
      clock,
      rejections,
    );
  }

  async spend<T>(cost: number, deadline: number, signal: AbortSignal, send: (reservation: BudgetReservation) => Promise<T>): Promise<T> {
    await this.bucket.acquire(cost, deadline, signal);
    const reservation: BudgetReservation = { cost };
    this.inFlight.add(reservation);
    try {
      return await send(reservation);
    } finally {
      this.inFlight.delete(reservation);
    }
  }

  /**
   * Feeds one answer's `extensions.cost` back into the model: `throttleStatus` when present
   * (also on a THROTTLED answer), else refunds `requestedQueryCost - actualQueryCost`.
   * `reservation` is the answering attempt's own (not counted as in flight any more); without
   * it the answer's spend is taken as already settled.
   */
  observe(
    throttleStatus: ShopifyThrottleStatus | undefined,
    requestedQueryCost?: number,
    actualQueryCost?: number | null,
    reservation?: BudgetReservation,
  ): void {
    if (reservation) this.inFlight.delete(reservation);
    if (throttleStatus) {
      let othersInFlight = 0;
      for (const reservation of this.inFlight) othersInFlight += reservation.cost;
      this.bucket.sync({
        available: throttleStatus.currentlyAvailable - othersInFlight,
        maximum: throttleStatus.maximumAvailable,
        restoreRate: throttleStatus.restoreRate,
      });
    } else if (requestedQueryCost !== undefined && actualQueryCost !== undefined && actualQueryCost !== null) {
      this.bucket.refund(requestedQueryCost - actualQueryCost);
    }
  }

  /** Seconds until `cost` points would be available, by the current model (for Retry-After on THROTTLED). */
  secondsUntil(cost: number): number {
    const { available, restoreRate } = this.bucket.state();
    return Math.max(0, (cost - available) / restoreRate);
  }

  snapshot(): RateBudgetSnapshot {
    return bucketSnapshot(this.bucket);
  }
}
