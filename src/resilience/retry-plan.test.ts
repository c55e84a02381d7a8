import { describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { UpstreamError } from '../errors/gateway-error.ts';
import { backoffSchedule } from './backoff-schedule.ts';
import { platformDefaults } from './platform-defaults.ts';
import { RejectionReason, VendorUnavailableError } from './resilience-errors.ts';
import { RetryBudget } from './retry-budget.ts';
import { RetryPlan } from './retry-plan.ts';
import { VirtualClock } from './virtual-clock.ts';

const settings = { ...platformDefaults('magento').retry, backoff: 'fixed' as const, initialDelayMs: 100, jitter: false };

function plan(options: { idempotent?: boolean; deadlineMs?: number; budget?: RetryBudget } = {}) {
  const clock = new VirtualClock();
  const budget = options.budget ?? new RetryBudget({ ratio: 0.1, minPerSecond: 10 }, clock);
  return new RetryPlan(
    { settings, schedule: backoffSchedule(settings), budget, clock, random: () => 0 },
    { idempotent: options.idempotent ?? true, deadline: clock.now() + (options.deadlineMs ?? 10_000) },
  );
}

const failure = (errorClass: UpstreamErrorClass, retryAfterSeconds?: number) =>
  new UpstreamError('acme failed', { vendorId: 'acme', errorClass, retryAfterSeconds });

describe('RetryPlan', () => {
  it('retries the retryable classes up to maxAttempts in total', () => {
    const p = plan();
    expect(p.next(failure(UpstreamErrorClass.SERVER))).toBe(100);
    expect(p.next(failure(UpstreamErrorClass.NETWORK))).toBe(100);
    expect(p.next(failure(UpstreamErrorClass.SERVER))).toBeUndefined();
  });

  it('never retries a non-idempotent call', () => {
    expect(plan({ idempotent: false }).next(failure(UpstreamErrorClass.TIMEOUT))).toBeUndefined();
  });

  it('never retries classes outside retryOn, unclassified errors, or its own refusals', () => {
    for (const errorClass of [UpstreamErrorClass.CLIENT, UpstreamErrorClass.AUTHENTICATION, UpstreamErrorClass.VALIDATION]) {
      expect(plan().next(failure(errorClass))).toBeUndefined();
    }
    expect(plan().next(new Error('bug'))).toBeUndefined();
    expect(plan().next(new VendorUnavailableError('acme', RejectionReason.CIRCUIT_OPEN))).toBeUndefined();
  });

  it('raises the delay to Retry-After and gives up when that crosses the deadline', () => {
    expect(plan().next(failure(UpstreamErrorClass.RATE_LIMIT, 1.5))).toBe(1500);
    expect(plan({ deadlineMs: 1000 }).next(failure(UpstreamErrorClass.RATE_LIMIT, 1.5))).toBeUndefined();
  });

  it('gives up when the retry budget is spent, and spends nothing on a refused retry', () => {
    const clock = new VirtualClock();
    const budget = new RetryBudget({ ratio: 0, minPerSecond: 0.1 }, clock); // exactly one retry per 10 s
    expect(plan({ idempotent: false, budget }).next(failure(UpstreamErrorClass.SERVER))).toBeUndefined();
    expect(plan({ budget }).next(failure(UpstreamErrorClass.SERVER))).toBe(100);
    expect(plan({ budget }).next(failure(UpstreamErrorClass.SERVER))).toBeUndefined();
  });
});
