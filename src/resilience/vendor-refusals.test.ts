import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../test/support/memory-log.ts';
import { UpstreamError } from '../errors/gateway-error.ts';
import { buildVendorPolicy } from './build-vendor-policy.ts';
import { REFUSAL_LOG_INTERVAL_MS } from './refusal-log.ts';
import type { RejectionReason } from './resilience-errors.ts';
import { VirtualClock } from './virtual-clock.ts';

/**
 * WooCommerce's protective defaults (10 requests/s, a burst of 20, 6 concurrent) under 64
 * simultaneous calls with a 20 ms deadline: the calls the budget cannot hold in time are refused
 * at once, and each refusal says when to come back, is counted, and is logged once per interval.
 */
function woo() {
  const clock = new VirtualClock();
  const { logger, lines } = memoryLogger('info');
  const refusals: Array<[string, RejectionReason]> = [];
  const policy = buildVendorPolicy({ id: 'acme-woo', platform: 'woocommerce' }, { logger, clock, onRefusal: (vendorId, reason) => refusals.push([vendorId, reason]) });
  const vendorCalls = { count: 0 };
  const call = (deadlineMs: number) =>
    policy
      .execute(async () => {
        vendorCalls.count += 1;
        return 'ok';
      }, { operation: 'products', idempotent: true, signal: new AbortController().signal, deadline: clock.now() + deadlineMs })
      .catch((error: unknown) => error);
  const refusalLines = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => String(line.msg).includes('refused by its protective limits'));
  return { clock, policy, call, refusals, refusalLines, vendorCalls };
}

describe('calls refused to protect a vendor', () => {
  it('answers VENDOR_RATE_LIMITED with retryAfterMs for each call the budget cannot hold before its deadline', async () => {
    const { call, vendorCalls } = woo();
    const results = await Promise.all(Array.from({ length: 64 }, () => call(20)));
    const refused = results.filter((result): result is UpstreamError => result instanceof UpstreamError && result.extensions.code === 'VENDOR_RATE_LIMITED');
    expect(vendorCalls.count).toBe(20); // the burst
    expect(refused).toHaveLength(44);
    // 10 requests/s: the budget has room for the next call in 100 ms (no refused call holds a place).
    expect(new Set(refused.map((error) => error.extensions.retryAfterMs))).toEqual(new Set([100]));
  });

  it('counts every refusal by vendor and reason (stockgraph_vendor_refusals_total)', async () => {
    const { call, refusals } = woo();
    await Promise.all(Array.from({ length: 64 }, () => call(20)));
    expect(refusals).toHaveLength(44);
    expect(new Set(refusals.map(([vendor, reason]) => `${vendor}/${reason}`))).toEqual(new Set(['acme-woo/rate_budget']));
  });

  it('logs one line per interval however many calls it refuses, naming the limits in force and the count', async () => {
    const { call, clock, refusalLines } = woo();
    await Promise.all(Array.from({ length: 64 }, () => call(20)));
    expect(refusalLines()).toHaveLength(1);
    expect(refusalLines()[0]).toMatchObject({ level: 40, vendorId: 'acme-woo', refused: { rate_budget: 1 }, rateLimit: { requestsPerSecond: 10, burst: 20 }, bulkhead: { maxConcurrent: 6 } });

    clock.advance(REFUSAL_LOG_INTERVAL_MS - 5_000); // the bucket refills (20 tokens in 2 s); the window is still open
    await Promise.all(Array.from({ length: 64 }, () => call(20)));
    expect(refusalLines()).toHaveLength(1);

    clock.advance(5_000);
    await Promise.all(Array.from({ length: 64 }, () => call(20)));
    expect(refusalLines()).toHaveLength(2);
    // The second line stands for the 43 + 44 refusals unlogged since the first, plus its own.
    expect(refusalLines()[1]).toMatchObject({ refused: { rate_budget: 43 + 44 + 1 } });
  });
});
