import type { Clock } from './clock.ts';
import { PacedTokenBucket, type BucketRejections } from './paced-token-bucket.ts';
import type { RateLimitSettings } from '../config/resilience-config.ts';

export interface RateBudgetSnapshot {
  /** Points (Shopify) or requests (REST) available now. */
  readonly available: number;
  readonly maximum: number;
  readonly restoreRate: number;
  /** available / maximum, clamped to [0, 1]. */
  readonly fraction: number;
  /** Calls waiting for budget. */
  readonly waiting: number;
}

/**
 * What one attempt holds from a rate budget while it runs. The attempt hands it back with the
 * vendor's answer (Shopify: `ShopifyCostBudget.observe(..., reservation)`), so the budget knows
 * which in-flight spend the answer settles without any ambient async context.
 */
export interface BudgetReservation {
  readonly cost: number;
}

/** A vendor's rate budget: the policy spends from it before every attempt. */
export interface RateBudget {
  /** Waits (within `deadline`) until `cost` fits, then runs `send` with the reservation it holds and settles the spend. */
  spend<T>(cost: number, deadline: number, signal: AbortSignal, send: (reservation: BudgetReservation) => Promise<T>): Promise<T>;
  snapshot(): RateBudgetSnapshot;
}

/**
 * A budget the vendor reports back into (Shopify's `extensions.cost`): the policy paces with it,
 * the client feeds every answer to `observe`.
 */
export interface CostBudget extends RateBudget {
  observe(
    throttleStatus: { readonly maximumAvailable: number; readonly currentlyAvailable: number; readonly restoreRate: number } | undefined,
    requestedQueryCost?: number,
    actualQueryCost?: number | null,
    reservation?: BudgetReservation,
  ): void;
  /** Seconds until `cost` points would be available, by the current model (for Retry-After on THROTTLED). */
  secondsUntil(cost: number): number;
}

export function bucketSnapshot(bucket: PacedTokenBucket): RateBudgetSnapshot {
  const { available, maximum, restoreRate } = bucket.state();
  return { available, maximum, restoreRate, fraction: Math.max(0, Math.min(1, available / maximum)), waiting: bucket.waiting };
}

/** Requests per second with a burst allowance, for REST vendors: one token per request. */
export class RequestRateLimiter implements RateBudget {
  private readonly bucket: PacedTokenBucket;

  constructor(settings: RateLimitSettings, clock: Clock, rejections: BucketRejections) {
    this.bucket = new PacedTokenBucket(
      { available: settings.burst, maximum: settings.burst, restoreRate: settings.requestsPerSecond },
      clock,
      rejections,
    );
  }

  async spend<T>(_cost: number, deadline: number, signal: AbortSignal, send: (reservation: BudgetReservation) => Promise<T>): Promise<T> {
    await this.bucket.acquire(1, deadline, signal);
    return send({ cost: 1 });
  }

  snapshot(): RateBudgetSnapshot {
    return bucketSnapshot(this.bucket);
  }
}
