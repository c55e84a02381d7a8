import { ConstantBackoff, DelegateBackoff, ExponentialBackoff, IterableBackoff, noJitterGenerator, type IBackoff, type IBackoffFactory } from 'cockatiel';
import { BackoffKind, type RetrySettings } from '../config/resilience-config.ts';

export interface BackoffContext {
  /** 1 for the first retry. */
  readonly attempt: number;
}

/**
 * The delays before successive retries of one call, from cockatiel's backoffs. `maxDelayMs`
 * caps the named shapes; a custom list is used as written (its last entry repeats).
 * Jitter is applied on top by `jittered`, the same for every shape.
 */
export function backoffSchedule(settings: RetrySettings): IBackoffFactory<BackoffContext> {
  const { backoff, initialDelayMs, maxDelayMs } = settings;
  if (Array.isArray(backoff)) return new IterableBackoff(backoff);
  switch (backoff) {
    case BackoffKind.FIXED:
      return new ConstantBackoff(Math.min(initialDelayMs, maxDelayMs));
    case BackoffKind.LINEAR:
      return new DelegateBackoff<BackoffContext>((context) => Math.min(initialDelayMs * context.attempt, maxDelayMs));
    case BackoffKind.EXPONENTIAL:
      return new ExponentialBackoff({ initialDelay: initialDelayMs, maxDelay: maxDelayMs, generator: noJitterGenerator });
  }
}

/** The next delay of a schedule already started (or the first, when `previous` is undefined). */
export function nextBackoff(
  schedule: IBackoffFactory<BackoffContext>,
  previous: IBackoff<BackoffContext> | undefined,
  context: BackoffContext,
): IBackoff<BackoffContext> {
  return previous ? previous.next(context) : schedule.next(context);
}

/** "Equal jitter": uniform in [delay/2, delay), so retries spread out but keep a floor. */
export function jittered(delayMs: number, random: () => number): number {
  return Math.floor((delayMs + random() * delayMs) / 2);
}
