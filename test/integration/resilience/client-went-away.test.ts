import { afterEach, describe, expect, it } from 'vitest';
import { CallCancelledError } from '../../../src/resilience/resilience-errors.ts';
import { immediateRetries, startFakeVendor, type FakeVendor } from './fake-vendor.ts';

/**
 * A client that disconnects aborts the calls its request made. The vendor did nothing wrong:
 * those calls must not open the circuit, count as failures in its health, or be retried.
 * (Seen in the benchmark: when the load generator stopped, the aborted calls of its last
 * requests opened healthy vendors' circuits.)
 */
describe('calls cancelled because the client went away', () => {
  let vendor: FakeVendor;
  afterEach(async () => {
    await vendor.close();
  });

  it('neither open the circuit nor count against the vendor, and are not retried', async () => {
    let retries = 0;
    vendor = await startFakeVendor({
      faults: { latencyMs: 200 },
      resilience: { retry: { ...immediateRetries, maxAttempts: 3 }, breaker: { mode: 'consecutive', threshold: 3, halfOpenAfterMs: 30_000 } },
      onRetry: () => (retries += 1),
    });
    const calls = Array.from({ length: 6 }, (_, n) => {
      const client = new AbortController();
      setTimeout(() => client.abort(), 20);
      return vendor.get(n, { signal: client.signal }).catch((error: unknown) => error);
    });
    for (const error of await Promise.all(calls)) expect(error).toBeInstanceOf(CallCancelledError);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the simulator logs a request once its latency has passed
    // Under CPU load a call aborted after 20 ms may be cancelled before its request leaves, so the
    // simulator sees up to 6 requests, never more: retrying them (maxAttempts 3) would send up to 18.
    expect(retries).toBe(0);
    expect(vendor.server.count()).toBeLessThanOrEqual(6);
    expect(vendor.policy.health.snapshot()).toMatchObject({ circuit: 'CLOSED', failures: 0 });
    await expect(vendor.get(7)).resolves.toEqual({ id: '7', stock: 7 });
  });

  it('a request that runs out of time is still the vendor being slow: it counts', async () => {
    vendor = await startFakeVendor({
      faults: { latencyMs: 200 },
      resilience: { retry: { ...immediateRetries, maxAttempts: 1 }, breaker: { mode: 'consecutive', threshold: 3, halfOpenAfterMs: 30_000 } },
    });
    for (let n = 0; n < 3; n += 1) {
      const error = await vendor.get(n, { signal: AbortSignal.timeout(20), deadline: Date.now() + 20 }).catch((caught: unknown) => caught);
      expect(error).not.toBeInstanceOf(CallCancelledError);
    }
    expect(vendor.policy.health.snapshot()).toMatchObject({ circuit: 'OPEN', failures: 3 });
  });
});
