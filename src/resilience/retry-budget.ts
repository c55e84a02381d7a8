import type { Clock } from './clock.ts';
import type { RetryBudgetSettings } from '../config/resilience-config.ts';

const BUCKET_MS = 1_000;

interface Bucket {
  start: number;
  calls: number;
  retries: number;
}

/**
 * Caps retries at `ratio` of the calls of the last `windowMs` plus `minPerSecond` for each
 * second of the window (Finagle's RetryBudget idea). Under a total outage of N calls in one
 * window the vendor sees at most N × (1 + ratio) + minPerSecond × windowSeconds requests,
 * instead of N × maxAttempts: retries cannot turn an outage into a retry storm.
 */
export class RetryBudget {
  private readonly buckets: Bucket[] = [];
  private readonly settings: RetryBudgetSettings;
  private readonly clock: Clock;
  private readonly windowMs: number;

  constructor(settings: RetryBudgetSettings, clock: Clock, windowMs = 10_000) {
    this.settings = settings;
    this.clock = clock;
    this.windowMs = windowMs;
  }

  /** Every call (first attempt) deposits `ratio` of a retry. */
  recordCall(): void {
    this.current().calls += 1;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  tryAcquireRetry(): boolean {
    if (this.remaining() < 1) return false;
    this.current().retries += 1;
    return true;
  }

  /** Retries still allowed in the current window (may be fractional). */
  remaining(): number {
    this.prune();
    let calls = 0;
    let retries = 0;
    for (const bucket of this.buckets) {
      calls += bucket.calls;
      retries += bucket.retries;
    }
    const floor = this.settings.minPerSecond * (this.windowMs / 1_000);
    return floor + this.settings.ratio * calls - retries;
  }

  private current(): Bucket {
    this.prune();
    const start = Math.floor(this.clock.now() / BUCKET_MS) * BUCKET_MS;
    const last = this.buckets.at(-1);
    if (last && last.start === start) return last;
    const bucket = { start, calls: 0, retries: 0 };
    this.buckets.push(bucket);
    return bucket;
  }

  private prune(): void {
    const oldest = this.clock.now() - this.windowMs;
    while (this.buckets.length > 0 && (this.buckets[0]?.start ?? 0) + BUCKET_MS <= oldest) this.buckets.shift();
  }
}
