import type { Clock } from '../resilience/clock.ts';
import { PacedTokenBucket, type BucketRejections, type BucketState } from '../resilience/paced-token-bucket.ts';
import { BUCKET_SCRIPT, parseBucketAnswer, type BucketAnswer } from './redis-bucket-script.ts';
import type { DegradedLog } from './degraded-log.ts';
import type { RedisConnection } from './redis-connection.ts';

export interface SharedBucketOptions {
  readonly redis: RedisConnection;
  readonly vendorId: string;
  /** The vendor account the bucket belongs to (two vendor entries on one shop share it). */
  readonly accountKey: string;
  readonly initial: { readonly maximum: number; readonly restoreRate: number };
  /** Share of the budget this instance uses alone while Redis is unreachable. */
  readonly localFraction: number;
  readonly degraded: DegradedLog;
  readonly clock: Clock;
  readonly rejections: BucketRejections;
}

const IDLE_EXPIRY_MS = 3_600_000;

/**
 * A vendor account's token bucket shared by every instance through Redis (BUCKET_SCRIPT): a take
 * is one atomic script call on Redis's clock that reserves the cost and says how long to wait
 * before sending, so callers of all instances are served in arrival order.
 *
 * While Redis is unreachable the bucket falls back to a local PacedTokenBucket holding
 * `localFraction` of the budget (burst and restore rate), logged once per interval: N instances
 * together stay within the vendor's limit as long as N × fraction ≤ 1. Only reads reach a vendor
 * then; writes are refused before (STORE_UNAVAILABLE).
 */
export class SharedBucket {
  private readonly options: SharedBucketOptions;
  private readonly key: string;
  private readonly local: PacedTokenBucket;
  private lastKnown: BucketState;
  private scheduled = 0;

  constructor(options: SharedBucketOptions) {
    this.options = options;
    this.key = `${options.redis.keyPrefix}budget:${options.accountKey}`;
    const { maximum, restoreRate } = options.initial;
    this.local = new PacedTokenBucket(
      { available: maximum * options.localFraction, maximum: maximum * options.localFraction, restoreRate: restoreRate * options.localFraction },
      options.clock,
      options.rejections,
    );
    this.lastKnown = { available: maximum, maximum, restoreRate };
  }

  /**
   * Resolves when `cost` may be sent: reserved in the shared bucket and, if the bucket was short,
   * after the wait the script scheduled (or, Redis down, from the local share). A caller that
   * gives up while scheduled hands its reservation back.
   */
  async acquire(cost: number, deadline: number, signal: AbortSignal): Promise<void> {
    const { clock, rejections } = this.options;
    if (signal.aborted) throw rejections.aborted();
    const answer = await this.call('take', cost, undefined, undefined, Math.max(0, deadline - clock.now()));
    if (!answer) return this.acquireLocally(cost, deadline, signal);
    if (!answer.granted) throw rejections.exhausted(answer.waitMs);
    if (answer.waitMs <= 0) return;
    this.scheduled += 1;
    try {
      await clock.sleep(answer.waitMs, signal);
    } finally {
      this.scheduled -= 1;
    }
    if (signal.aborted) {
      this.refund(cost);
      throw rejections.aborted();
    }
  }

  /**
   * Feeds the vendor's report: the shared level only drops when the report is below it (see
   * BUCKET_SCRIPT). `inFlight` is what this instance has sent and not heard back about.
   */
  sync(reported: BucketState, inFlight: number): void {
    const fraction = this.options.localFraction;
    this.local.sync({
      available: Math.min(reported.available - inFlight, reported.maximum * fraction),
      maximum: reported.maximum * fraction,
      restoreRate: reported.restoreRate * fraction,
    });
    // The script would change nothing unless the report is below the level last seen or the plan
    // changed: skip the round trip in that (usual) case. (The level seen may be stale; a drift it
    // hides is caught by a later answer.)
    const { available, maximum, restoreRate } = this.lastKnown;
    if (reported.available >= available && reported.maximum === maximum && reported.restoreRate === restoreRate) return;
    void this.call('sync', reported.available, reported.maximum, reported.restoreRate, inFlight);
  }

  refund(points: number): void {
    if (points <= 0) return;
    this.local.refund(points * this.options.localFraction);
    void this.call('refund', points);
  }

  /** The bucket as last seen from Redis (or the local share while Redis is down). */
  state(): BucketState {
    return this.options.redis.health().up ? this.lastKnown : this.local.state();
  }

  /** Callers of this instance waiting for their scheduled turn or for local points. */
  get waiting(): number {
    return this.scheduled + this.local.waiting;
  }

  private acquireLocally(cost: number, deadline: number, signal: AbortSignal): Promise<void> {
    this.options.degraded.localBudget(this.options.vendorId, this.options.localFraction);
    return this.local.acquire(cost, deadline, signal);
  }

  /** One script call; undefined when Redis could not answer (the caller falls back). */
  /** `extra`: for take the longest wait the caller accepts (ms), for sync this instance's points in flight. */
  private async call(operation: 'take' | 'sync' | 'refund', amount: number, maximum = this.lastKnown.maximum, rate = this.lastKnown.restoreRate, extra = 0): Promise<BucketAnswer | undefined> {
    const { redis } = this.options;
    if (redis.client.status !== 'ready') return undefined;
    try {
      const raw = await redis.runScript('stockgraphBucket', BUCKET_SCRIPT, [this.key], [operation, amount, maximum, rate, IDLE_EXPIRY_MS, extra]);
      const answer = parseBucketAnswer(raw);
      this.lastKnown = { available: answer.available, maximum: answer.maximum, restoreRate: answer.restoreRate };
      return answer;
    } catch (error) {
      redis.noteFailure(error);
      return undefined;
    }
  }
}
