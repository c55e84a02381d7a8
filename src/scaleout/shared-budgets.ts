import type { BudgetFactory } from '../resilience/budget-factory.ts';
import type { Clock } from '../resilience/clock.ts';
import type { BucketRejections } from '../resilience/paced-token-bucket.ts';
import type { BudgetReservation, CostBudget, RateBudget, RateBudgetSnapshot } from '../resilience/rate-budget.ts';
import type { DegradedLog } from './degraded-log.ts';
import type { RedisConnection } from './redis-connection.ts';
import { SharedBucket } from './shared-bucket.ts';

export interface SharedBudgetsOptions {
  readonly redis: RedisConnection;
  /** vendor id → the account its budget belongs to (see vendorAccountKey). */
  readonly accountKeys: ReadonlyMap<string, string>;
  readonly localFraction: number;
  readonly degraded: DegradedLog;
}

/** Budgets kept in Redis per vendor account, shared by every instance (BudgetFactory for the policies). */
export function sharedBudgets(options: SharedBudgetsOptions): BudgetFactory {
  const bucket = (vendorId: string, maximum: number, restoreRate: number, clock: Clock, rejections: BucketRejections) =>
    new SharedBucket({
      redis: options.redis,
      vendorId,
      accountKey: options.accountKeys.get(vendorId) ?? vendorId,
      initial: { maximum, restoreRate },
      localFraction: options.localFraction,
      degraded: options.degraded,
      clock,
      rejections,
    });
  return {
    requestRate: (vendorId, settings, clock, rejections) =>
      new SharedRequestRate(bucket(vendorId, settings.burst, settings.requestsPerSecond, clock, rejections)),
    shopifyCost: (vendorId, settings, clock, rejections) =>
      new SharedShopifyCost(bucket(vendorId, settings.maximumAvailable, settings.restoreRate, clock, rejections)),
  };
}

function snapshotOf(bucket: SharedBucket): RateBudgetSnapshot {
  const { available, maximum, restoreRate } = bucket.state();
  return { available, maximum, restoreRate, fraction: Math.max(0, Math.min(1, available / maximum)), waiting: bucket.waiting };
}

/** A REST vendor's requests per second with burst, one token per request, shared by the instances. */
class SharedRequestRate implements RateBudget {
  private readonly bucket: SharedBucket;

  constructor(bucket: SharedBucket) {
    this.bucket = bucket;
  }

  async spend<T>(_cost: number, deadline: number, signal: AbortSignal, send: (reservation: BudgetReservation) => Promise<T>): Promise<T> {
    await this.bucket.acquire(1, deadline, signal);
    return send({ cost: 1 });
  }

  snapshot(): RateBudgetSnapshot {
    return snapshotOf(this.bucket);
  }
}

/**
 * Shopify's cost bucket shared by the instances: every attempt reserves its requested cost in
 * Redis before it is sent, the answer refunds requested − actual and reports the shop's real
 * bucket, which only ever lowers the shared level (BUCKET_SCRIPT says why).
 */
class SharedShopifyCost implements CostBudget {
  private readonly bucket: SharedBucket;
  private readonly inFlight = new Set<BudgetReservation>();

  constructor(bucket: SharedBucket) {
    this.bucket = bucket;
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

  observe(
    throttleStatus: { readonly maximumAvailable: number; readonly currentlyAvailable: number; readonly restoreRate: number } | undefined,
    requestedQueryCost?: number,
    actualQueryCost?: number | null,
    reservation?: BudgetReservation,
  ): void {
    if (reservation) this.inFlight.delete(reservation);
    // Refund first: the shared level was charged the requested cost; the sync below may lower it again.
    if (requestedQueryCost !== undefined && actualQueryCost !== undefined && actualQueryCost !== null) {
      this.bucket.refund(requestedQueryCost - actualQueryCost);
    }
    if (throttleStatus) {
      let othersInFlight = 0;
      for (const other of this.inFlight) othersInFlight += other.cost;
      this.bucket.sync(
        { available: throttleStatus.currentlyAvailable, maximum: throttleStatus.maximumAvailable, restoreRate: throttleStatus.restoreRate },
        othersInFlight,
      );
    }
  }

  secondsUntil(cost: number): number {
    const { available, restoreRate } = this.bucket.state();
    return Math.max(0, (cost - available) / restoreRate);
  }

  snapshot(): RateBudgetSnapshot {
    return snapshotOf(this.bucket);
  }
}
