import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import { buildVendorPolicy } from '../../../src/resilience/build-vendor-policy.ts';
import type { ResilienceConfig } from '../../../src/config/resilience-config.ts';

/** Runs one idempotent call that always fails, and answers the delays between its attempts. */
async function delaysBetweenAttempts(
  resilience: ResilienceConfig,
  options: { retryAfterSeconds?: number; deadlineMs?: number; random?: () => number } = {},
): Promise<{ delays: number[]; error: unknown }> {
  const policy = buildVendorPolicy(
    { id: 'acme', platform: 'magento', resilience },
    { logger: pino({ level: 'silent' }), ...(options.random ? { random: options.random } : {}) },
  );
  const attempts: number[] = [];
  const call = async () => {
    attempts.push(Date.now());
    throw new UpstreamError('acme: Service Unavailable', {
      vendorId: 'acme',
      errorClass: options.retryAfterSeconds === undefined ? UpstreamErrorClass.SERVER : UpstreamErrorClass.RATE_LIMIT,
      status: options.retryAfterSeconds === undefined ? 503 : 429,
      retryAfterSeconds: options.retryAfterSeconds,
    });
  };
  const settled = policy
    .execute(call, { operation: 'getItem', idempotent: true, signal: new AbortController().signal, deadline: Date.now() + (options.deadlineMs ?? 60_000) })
    .catch((error: unknown) => error);
  await vi.runAllTimersAsync();
  const error = await settled;
  return { delays: attempts.slice(1).map((at, index) => at - (attempts[index] ?? at)), error };
}

const retry = (backoff: NonNullable<ResilienceConfig['retry']>['backoff'], extra: NonNullable<ResilienceConfig['retry']> = {}) => ({
  retry: { backoff, initialDelayMs: 100, maxDelayMs: 10_000, jitter: false, maxAttempts: 3, ...extra },
});

describe('backoff between attempts (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fixed waits the same each time', async () => {
    expect((await delaysBetweenAttempts(retry('fixed'))).delays).toEqual([100, 100]);
  });

  it('linear grows by the initial delay', async () => {
    expect((await delaysBetweenAttempts(retry('linear'))).delays).toEqual([100, 200]);
  });

  it('exponential doubles', async () => {
    expect((await delaysBetweenAttempts(retry('exponential', { initialDelayMs: 250 }))).delays).toEqual([250, 500]);
  });

  it('exponential is capped by maxDelayMs', async () => {
    expect((await delaysBetweenAttempts(retry('exponential', { initialDelayMs: 300, maxDelayMs: 400 }))).delays).toEqual([300, 400]);
  });

  it('custom follows the list as written', async () => {
    expect((await delaysBetweenAttempts(retry([30, 700]))).delays).toEqual([30, 700]);
  });

  it('jitter spreads each delay over [delay/2, delay)', async () => {
    expect((await delaysBetweenAttempts(retry('linear', { jitter: true }), { random: () => 0 })).delays).toEqual([50, 100]);
    expect((await delaysBetweenAttempts(retry('linear', { jitter: true }), { random: () => 0.5 })).delays).toEqual([75, 150]);
  });

  it('Retry-After is a floor under the backoff', async () => {
    expect((await delaysBetweenAttempts(retry('fixed'), { retryAfterSeconds: 2 })).delays).toEqual([2000, 2000]);
    expect((await delaysBetweenAttempts(retry([3000, 50]), { retryAfterSeconds: 1 })).delays).toEqual([3000, 1000]);
  });

  it('gives up instead of waiting past the deadline', async () => {
    const { delays, error } = await delaysBetweenAttempts(retry('fixed'), { retryAfterSeconds: 2, deadlineMs: 1500 });
    expect(delays).toEqual([]);
    expect(error).toMatchObject({ code: ErrorCode.VENDOR_RATE_LIMITED, retryable: true });
  });

  it('stops retrying when the next delay would cross the deadline', async () => {
    const { delays } = await delaysBetweenAttempts(retry([400, 800]), { deadlineMs: 1000 });
    expect(delays).toEqual([400]);
  });
});
