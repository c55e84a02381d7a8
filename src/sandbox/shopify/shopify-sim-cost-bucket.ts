import type { ShopifyThrottleStatus } from '../../resilience/shopify-cost-budget.ts';

export interface CostBucketOptions {
  /** Bucket size in cost points (Shopify's classic figure: 1000). */
  readonly maximumAvailable?: number;
  /** Points restored per second (classic: 50). */
  readonly restoreRate?: number;
  /** Epoch milliseconds; injected so tests move time without sleeping. */
  readonly now?: () => number;
}

/**
 * Shopify's leaky bucket of query cost points (per app and shop): a query may run only if the
 * bucket holds its REQUESTED cost; that much is taken up front and the difference to the ACTUAL
 * cost is given back after execution. Points restore continuously at `restoreRate` per second.
 */
export class CostBucket {
  readonly maximumAvailable: number;
  readonly restoreRate: number;
  private readonly now: () => number;
  private available: number;
  private updatedAt: number;
  private lowest: number;

  constructor(options: CostBucketOptions = {}) {
    this.maximumAvailable = options.maximumAvailable ?? 1000;
    this.restoreRate = options.restoreRate ?? 50;
    this.now = options.now ?? Date.now;
    this.available = this.maximumAvailable;
    this.updatedAt = this.now();
    this.lowest = this.maximumAvailable;
  }

  /** The lowest level the bucket ever reached (after a take); never below 0 unless overdrawn. */
  get minimumLevel(): number {
    return this.lowest;
  }

  currentlyAvailable(): number {
    this.restore();
    return this.available;
  }

  /** Takes `cost` points if the bucket holds them; false (and nothing taken) otherwise. */
  tryTake(cost: number): boolean {
    this.restore();
    if (cost > this.available) return false;
    this.available -= cost;
    this.lowest = Math.min(this.lowest, this.available);
    return true;
  }

  refund(points: number): void {
    this.restore();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Empties the bucket to `level` points (tests use it to provoke THROTTLED). */
  drainTo(level: number): void {
    this.restore();
    this.available = Math.max(0, Math.min(this.maximumAvailable, level));
    this.lowest = Math.min(this.lowest, this.available);
  }

  status(): ShopifyThrottleStatus {
    return {
      maximumAvailable: this.maximumAvailable,
      // Shopify reports whole points.
      currentlyAvailable: Math.floor(this.currentlyAvailable()),
      restoreRate: this.restoreRate,
    };
  }

  private restore(): void {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.updatedAt = now;
    this.available = Math.min(this.maximumAvailable, this.available + elapsedSeconds * this.restoreRate);
  }
}
