import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../src/errors/error-code.ts';
import { VendorUnavailableError } from '../../../src/resilience/resilience-errors.ts';
import type { CircuitStatus } from '../../../src/resilience/vendor-health.ts';
import { immediateRetries, startFakeVendor, type FakeVendor } from './fake-vendor.ts';

const COOL_DOWN_MS = 30_000;

describe('a vendor that is down', () => {
  let vendor: FakeVendor;
  afterEach(async () => {
    vi.useRealTimers();
    await vendor.close();
  });

  async function downVendor(): Promise<{ transitions: CircuitStatus[] }> {
    // Only Date is faked: cockatiel measures the cool-down with Date.now(), while sockets and
    // timers stay real. The cool-down then passes by setting the clock, never by sleeping.
    vi.useFakeTimers({ toFake: ['Date'] });
    vendor = await startFakeVendor({
      faults: { errorRate: 1 },
      resilience: { retry: { ...immediateRetries, maxAttempts: 1 }, breaker: { mode: 'consecutive', threshold: 3, halfOpenAfterMs: COOL_DOWN_MS, halfOpenProbes: 1 } },
    });
    const transitions: CircuitStatus[] = [];
    vendor.policy.onCircuitChange((state) => transitions.push(state));
    for (let n = 1; n <= 3; n += 1) await expect(vendor.get(n)).rejects.toMatchObject({ code: ErrorCode.VENDOR_ERROR });
    return { transitions };
  }

  it('opens the circuit after N failures and then fails fast without calling the vendor', async () => {
    const { transitions } = await downVendor();
    expect(transitions).toEqual(['OPEN']);
    expect(vendor.server.count()).toBe(3);

    for (let n = 0; n < 5; n += 1) {
      const error = await vendor.get(n).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(VendorUnavailableError);
      expect(error).toMatchObject({ code: ErrorCode.VENDOR_UNAVAILABLE, retryable: true, vendorId: 'fake-rest', extensions: { code: ErrorCode.VENDOR_UNAVAILABLE, retryable: true, vendorId: 'fake-rest' } });
    }
    expect(vendor.server.count()).toBe(3);
    expect(vendor.policy.health.snapshot()).toMatchObject({ circuit: 'OPEN', status: 'DOWN', rejected: 5, failures: 3 });
  });

  it('with one probe configured, lets it through after the cool-down; a healthy answer closes the circuit', async () => {
    const { transitions } = await downVendor();
    vendor.server.setFaults({});
    await expect(vendor.get(9)).rejects.toBeInstanceOf(VendorUnavailableError);
    expect(vendor.server.count()).toBe(3);

    vi.setSystemTime(Date.now() + COOL_DOWN_MS);
    await expect(vendor.get(9)).resolves.toEqual({ id: '9', stock: 7 });
    expect(vendor.server.count()).toBe(4);
    expect(transitions).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
    expect(vendor.policy.health.snapshot()).toMatchObject({ circuit: 'CLOSED' });
  });

  it('re-opens at once when the probe fails', async () => {
    const { transitions } = await downVendor();
    vi.setSystemTime(Date.now() + COOL_DOWN_MS);
    await expect(vendor.get(9)).rejects.toMatchObject({ code: ErrorCode.VENDOR_ERROR });
    await expect(vendor.get(10)).rejects.toBeInstanceOf(VendorUnavailableError);
    expect(vendor.server.count()).toBe(4);
    expect(transitions).toEqual(['OPEN', 'HALF_OPEN', 'OPEN']);
  });
});
