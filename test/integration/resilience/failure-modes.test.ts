import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { VirtualClock } from '../../../src/resilience/virtual-clock.ts';
import { immediateRetries, outcome, startFakeVendor, type FakeVendor } from './fake-vendor.ts';

describe('failure modes of one vendor', () => {
  let vendor: FakeVendor;
  afterEach(() => vendor.close());

  it('a malformed payload is a VENDOR_ERROR (validation), not a crash, and is not retried by default', async () => {
    vendor = await startFakeVendor({ faults: { malformedRate: 1 }, resilience: { retry: immediateRetries } });
    await expect(vendor.get(1)).rejects.toMatchObject({ code: ErrorCode.VENDOR_ERROR, errorClass: UpstreamErrorClass.VALIDATION });
    expect(vendor.server.count()).toBe(1);
  });

  it('a malformed payload is retried no more than a policy that lists validation allows', async () => {
    vendor = await startFakeVendor({
      faults: { malformedRate: 1 },
      resilience: { retry: { ...immediateRetries, maxAttempts: 2, retryOn: [UpstreamErrorClass.VALIDATION] } },
    });
    await expect(vendor.get(1)).rejects.toMatchObject({ code: ErrorCode.VENDOR_ERROR, errorClass: UpstreamErrorClass.VALIDATION });
    expect(vendor.server.count()).toBe(2);
  });

  it('a timeout on a non-idempotent call is never retried', async () => {
    vendor = await startFakeVendor({ faults: { timeoutRate: 1 }, resilience: { timeoutMs: 100, retry: immediateRetries } });
    await expect(vendor.get(1, {}, false)).rejects.toMatchObject({ code: ErrorCode.VENDOR_TIMEOUT, errorClass: UpstreamErrorClass.TIMEOUT });
    expect(vendor.server.count()).toBe(1);
  });

  it('(control) the same timeout on an idempotent call is retried up to maxAttempts', async () => {
    vendor = await startFakeVendor({ faults: { timeoutRate: 1 }, resilience: { timeoutMs: 100, retry: immediateRetries } });
    await expect(vendor.get(1, {}, true)).rejects.toMatchObject({ code: ErrorCode.VENDOR_TIMEOUT });
    expect(vendor.server.count()).toBe(3);
  });

  it('a vendor that never answers fails with VENDOR_TIMEOUT by the deadline, not later', async () => {
    vendor = await startFakeVendor({ faults: { timeoutRate: 1 }, resilience: { timeoutMs: 60_000, retry: immediateRetries } });
    const deadline = Date.now() + 300;
    await expect(vendor.get(1, { deadline })).rejects.toMatchObject({ code: ErrorCode.VENDOR_TIMEOUT, retryable: true });
    expect(Date.now()).toBeLessThan(deadline + 250); // did not hang past the deadline
    expect(vendor.server.count()).toBe(1); // no retry can fit after the deadline
  });

  it('a call whose deadline already passed sends nothing', async () => {
    vendor = await startFakeVendor();
    await expect(vendor.get(1, { deadline: Date.now() - 1 })).rejects.toMatchObject({ code: ErrorCode.VENDOR_TIMEOUT });
    expect(vendor.server.count()).toBe(0);
  });

  it('under 100% failure over many calls, upstream requests stay within the retry budget', async () => {
    const clock = new VirtualClock(); // frozen: every call lands in the same budget window
    vendor = await startFakeVendor({
      clock,
      faults: { errorRate: 1 },
      resilience: {
        retry: { ...immediateRetries, maxAttempts: 3 },
        retryBudget: { ratio: 0.1, minPerSecond: 1 },
        breaker: { mode: 'consecutive', threshold: 10_000 },
      },
    });
    const CALLS = 100;
    for (let n = 0; n < CALLS; n += 1) {
      const result = await outcome(vendor.get(n));
      expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.VENDOR_ERROR } });
    }
    const floor = 1 * 10; // minPerSecond × the 10 s budget window
    expect(vendor.server.count()).toBeLessThanOrEqual(CALLS * 1.1 + floor);
    expect(vendor.server.count()).toBe(120);
    // Without the budget the same outage would have cost 3 requests per call.
  });

  it('a full bulkhead refuses the extra call with VENDOR_UNAVAILABLE', async () => {
    vendor = await startFakeVendor({ faults: { latencyMs: 50 }, resilience: { bulkhead: { maxConcurrent: 1, maxQueue: 1 } } });
    const results = await Promise.all([1, 2, 3].map((n) => outcome(vendor.get(n))));
    expect(results.filter((result) => result.ok)).toHaveLength(2);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { code: ErrorCode.VENDOR_UNAVAILABLE, message: 'fake-rest has too many concurrent calls' } });
    expect(vendor.server.count()).toBe(2);
  });

  it('a REST rate limit spaces a burst by the configured rate', async () => {
    const clock = new VirtualClock();
    vendor = await startFakeVendor({ clock, platform: 'woocommerce', resilience: { rateLimit: { requestsPerSecond: 10, burst: 2 } } });
    const started = clock.now();
    await Promise.all([1, 2, 3, 4, 5].map((n) => vendor.get(n)));
    expect(clock.now() - started).toBe(300); // 2 at once, then one per 100 ms
    expect(vendor.server.count()).toBe(5);
  });
});
