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
/** Spread of the re-polls of instances woken by the same refill, so they do not ask in lockstep. */
const POLL_JITTER_MS = 5;

/**
 * A vendor account's token bucket shared by every instance through Redis (BUCKET_SCRIPT): a take
 * is one atomic script call on Redis's clock. A caller that does not fit sleeps the wait the script
 * computed (bounded by its deadline) and asks again, so instances are served by who asks first
 * when points are back rather than strictly FIFO across instances (within one instance the
 * waits are short and independent).
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

  /** Resolves once `cost` is taken from the shared bucket (or, Redis down, the local share). */
  async acquire(cost: number, deadline: number, signal: AbortSignal): Promise<void> {
    const { clock, rejections } = this.options;
    for (;;) {
      if (signal.aborted) throw rejections.aborted();
      const answer = await this.call('take', cost);
      if (!answer) return this.acquireLocally(cost, deadline, signal);
      if (answer.granted) return;
      const wait = answer.waitMs + Math.floor(Math.random() * POLL_JITTER_MS);
      if (clock.now() + wait > deadline) throw rejections.exhausted(answer.waitMs);
      await clock.sleep(wait, signal);
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

  get waiting(): number {
    return this.local.waiting;
  }

  private acquireLocally(cost: number, deadline: number, signal: AbortSignal): Promise<void> {
    this.options.degraded.localBudget(this.options.vendorId, this.options.localFraction);
    return this.local.acquire(cost, deadline, signal);
  }

  /** One script call; undefined when Redis could not answer (the caller falls back). */
  private async call(operation: 'take' | 'sync' | 'refund', amount: number, maximum = this.lastKnown.maximum, rate = this.lastKnown.restoreRate, inFlight = 0): Promise<BucketAnswer | undefined> {
    const { redis } = this.options;
    if (redis.client.status !== 'ready') return undefined;
    try {
      const raw = await redis.runScript('stockgraphBucket', BUCKET_SCRIPT, [this.key], [operation, amount, maximum, rate, IDLE_EXPIRY_MS, inFlight]);
      const answer = parseBucketAnswer(raw);
      this.lastKnown = { available: answer.available, maximum: answer.maximum, restoreRate: answer.restoreRate };
      return answer;
    } catch (error) {
      redis.noteFailure(error);
      return undefined;
    }
  }
}
