import { afterEach, describe, expect, it } from 'vitest';
import { FaultKind, FaultPlan } from '../../../src/sandbox/fault-injection.ts';
import { immediateRetries, outcome, startFakeVendor, type FakeVendor } from './fake-vendor.ts';

const CALLS = 40;
const faults = { errorRate: 0.3, seed: 26 };

/** What the policy must do against this fault sequence: up to 3 attempts per call, stop at the first success. */
function expectedRequests(): { requests: number; failedCalls: number } {
  const plan = new FaultPlan(faults);
  let requests = 0;
  let failedCalls = 0;
  for (let call = 0; call < CALLS; call += 1) {
    let succeeded = false;
    for (let attempt = 0; attempt < 3 && !succeeded; attempt += 1) {
      requests += 1;
      succeeded = plan.decide('/items/1') === FaultKind.NONE;
    }
    if (!succeeded) failedCalls += 1;
  }
  return { requests, failedCalls };
}

describe('a vendor answering 30% of requests with a 5xx', () => {
  let vendor: FakeVendor;
  afterEach(() => vendor.close());

  it('still answers every call, retrying exactly as the policy says', async () => {
    vendor = await startFakeVendor({
      faults,
      resilience: { retry: { ...immediateRetries, maxAttempts: 3 }, retryBudget: { minPerSecond: 100 } },
    });
    const results = [];
    for (let n = 1; n <= CALLS; n += 1) results.push(await outcome(vendor.get(n)));

    const expected = expectedRequests();
    expect(expected).toEqual({ requests: 56, failedCalls: 0 });
    expect(results.every((result) => result.ok)).toBe(true);
    expect(vendor.server.count()).toBe(expected.requests);
    expect(vendor.server.count((entry) => entry.status === 503)).toBe(expected.requests - CALLS);
    expect(vendor.policy.health.snapshot()).toMatchObject({ windowCalls: 56, failures: 16, errorRate: 16 / 56, circuit: 'CLOSED', status: 'DEGRADED' });
  });
});
