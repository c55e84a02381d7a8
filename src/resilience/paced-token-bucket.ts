import type { Clock } from './clock.ts';

export interface BucketState {
  /** Points (or requests) in the bucket now; negative after an overdraw. */
  readonly available: number;
  readonly maximum: number;
  /** Points restored per second. */
  readonly restoreRate: number;
}

export interface BucketRejections {
  /** The cost cannot fit before the caller's deadline; `waitMs` is the wait it would need. */
  exhausted(waitMs: number): Error;
  /** The caller gave up while waiting. */
  aborted(): Error;
}

interface Waiter {
  readonly cost: number;
  readonly deadline: number;
  readonly signal: AbortSignal;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * A leaky-bucket model that makes callers wait their turn instead of overdrawing it.
 *
 * Waiters are served strictly first-in first-out by one pump, so a big query is not starved
 * by a stream of small ones and waiters never race each other for the same refill. On every
 * arrival and before each wait, every waiter that could not be served before its own
 * deadline (counting the costs queued ahead of it) is dropped: such a caller fails at once
 * with `exhausted` rather than after waiting in vain. `sync` (the vendor reported its real bucket) and
 * `refund` wake the pump early, since either can let the head through sooner.
 */
export class PacedTokenBucket {
  private available: number;
  private maximum: number;
  private restoreRate: number;
  private syncedAt: number;
  private waiters: Waiter[] = [];
  private pumping = false;
  private wake = new AbortController();
  private readonly clock: Clock;
  private readonly rejections: BucketRejections;

  constructor(initial: BucketState, clock: Clock, rejections: BucketRejections) {
    this.available = initial.available;
    this.maximum = initial.maximum;
    this.restoreRate = initial.restoreRate;
    this.clock = clock;
    this.rejections = rejections;
    this.syncedAt = clock.now();
  }

  /** The modelled bucket now. */
  state(): BucketState {
    return { available: this.level(), maximum: this.maximum, restoreRate: this.restoreRate };
  }

  /** Number of callers waiting for points. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves once `cost` points are taken from the bucket. A cost above the bucket's maximum
   * waits for a full bucket (the vendor decides whether it accepts it).
   */
  acquire(cost: number, deadline: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(this.rejections.aborted());
    if (this.waiters.length === 0 && this.level() >= Math.min(cost, this.maximum)) {
      this.take(cost);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => this.wakeUp();
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = (then: () => void) => () => {
        signal.removeEventListener('abort', onAbort);
        then();
      };
      this.waiters.push({
        cost,
        deadline,
        signal,
        resolve: settle(resolve),
        reject: (error) => settle(() => reject(error))(),
      });
      this.dropHopeless();
      void this.pump();
    });
  }

  /** Replaces the model with what the vendor reported. */
  sync(state: BucketState): void {
    this.available = Math.min(state.available, state.maximum);
    this.maximum = state.maximum;
    this.restoreRate = state.restoreRate;
    this.syncedAt = this.clock.now();
    this.wakeUp();
  }

  /** Gives back points that were taken but not spent. */
  refund(points: number): void {
    if (points <= 0) return;
    this.available = Math.min(this.maximum, this.level() + points);
    this.syncedAt = this.clock.now();
    this.wakeUp();
  }

  private level(): number {
    const restored = (this.restoreRate * (this.clock.now() - this.syncedAt)) / 1000;
    return Math.min(this.maximum, this.available + restored);
  }

  private take(cost: number): void {
    this.available = this.level() - cost;
    this.syncedAt = this.clock.now();
  }

  private msToRestore(points: number): number {
    return Math.ceil((points / this.restoreRate) * 1000);
  }

  private wakeUp(): void {
    this.wake.abort();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        this.dropHopeless();
        const head = this.waiters[0];
        if (!head) break;
        const shortfall = Math.min(head.cost, this.maximum) - this.level();
        if (shortfall <= 0) {
          this.take(head.cost);
          this.waiters.shift();
          head.resolve();
          continue;
        }
        this.wake = new AbortController();
        await this.clock.sleep(this.msToRestore(shortfall), this.wake.signal);
      }
    } finally {
      this.pumping = false;
    }
  }

  private dropHopeless(): void {
    const now = this.clock.now();
    const level = this.level();
    let queuedAhead = 0;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.signal.aborted) {
        waiter.reject(this.rejections.aborted());
        return false;
      }
      const shortfall = queuedAhead + Math.min(waiter.cost, this.maximum) - level;
      const waitMs = shortfall > 0 ? this.msToRestore(shortfall) : 0;
      if (now + waitMs > waiter.deadline) {
        waiter.reject(this.rejections.exhausted(waitMs));
        return false;
      }
      queuedAhead += waiter.cost;
      return true;
    });
  }
}
