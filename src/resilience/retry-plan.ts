import type { IBackoff, IBackoffFactory } from 'cockatiel';
import { UpstreamError } from '../errors/gateway-error.ts';
import { jittered, nextBackoff, type BackoffContext } from './backoff-schedule.ts';
import type { Clock } from './clock.ts';
import { CallCancelledError, VendorUnavailableError } from './resilience-errors.ts';
import type { RetryBudget } from './retry-budget.ts';
import type { RetrySettings } from '../config/resilience-config.ts';

export interface RetryPlanDeps {
  readonly settings: RetrySettings;
  readonly schedule: IBackoffFactory<BackoffContext>;
  readonly budget: RetryBudget;
  readonly clock: Clock;
  readonly random: () => number;
}

/**
 * The retry decisions of ONE call: whether a failed attempt is worth another and after how
 * long. A retry needs all of: an idempotent call, an attempt left, a classified upstream
 * failure whose class is in `retryOn` (never a refusal of our own such as an open circuit),
 * a delay — the backoff, raised to the vendor's Retry-After — that ends before the deadline,
 * and a token from the vendor's retry budget (taken last, so only real retries spend it).
 */
export class RetryPlan {
  private attempts = 1;
  private backoff: IBackoff<BackoffContext> | undefined;
  private readonly deps: RetryPlanDeps;
  private readonly idempotent: boolean;
  private readonly deadline: number;

  constructor(deps: RetryPlanDeps, call: { readonly idempotent: boolean; readonly deadline: number }) {
    this.deps = deps;
    this.idempotent = call.idempotent;
    this.deadline = call.deadline;
  }

  /** Milliseconds to wait before the next attempt, or undefined to give up with `error`. */
  next(error: unknown): number | undefined {
    const { settings, budget, clock } = this.deps;
    if (!this.idempotent || this.attempts >= settings.maxAttempts) return undefined;
    if (!(error instanceof UpstreamError) || error instanceof VendorUnavailableError || error instanceof CallCancelledError) return undefined;
    if (!settings.retryOn.includes(error.errorClass)) return undefined;
    const delayMs = this.delayAfter(error);
    if (clock.now() + delayMs >= this.deadline) return undefined;
    if (!budget.tryAcquireRetry()) return undefined;
    this.attempts += 1;
    return delayMs;
  }

  private delayAfter(error: UpstreamError): number {
    const { schedule, settings, random } = this.deps;
    this.backoff = nextBackoff(schedule, this.backoff, { attempt: this.attempts });
    const base = settings.jitter ? jittered(this.backoff.duration, random) : this.backoff.duration;
    const retryAfterMs = (error.retryAfterSeconds ?? 0) * 1000;
    return Math.max(base, Math.ceil(retryAfterMs));
  }
}
