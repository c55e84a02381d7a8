import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import type { ShopifyThrottleStatus } from '../../../src/resilience/shopify-cost-budget.ts';
import type { VendorPolicy } from '../../../src/resilience/vendor-policy.ts';
import { VirtualClock } from '../../../src/resilience/virtual-clock.ts';
import type { VendorHttpResponse } from '../../../src/vendors/http/vendor-http-client.ts';
import { testCallContext } from '../../support/call-context.ts';
import { FakeCostBucket, GRAPHQL_PATH } from './fake-cost-bucket.ts';
import { startFakeVendor, type FakeVendor } from './fake-vendor.ts';

interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus?: ShopifyThrottleStatus;
}

/**
 * What the Shopify client does on every answer (its `inspectResponse` hook): feed
 * `extensions.cost` to the policy's cost budget, and turn THROTTLED into a classified,
 * retryable failure with a Retry-After the model computes.
 */
function observeCost(policy: VendorPolicy) {
  return (response: VendorHttpResponse): UpstreamError | undefined => {
    const body = response.body as { errors?: Array<{ extensions?: { code?: string } }>; extensions?: { cost?: CostExtension } };
    const cost = body.extensions?.cost;
    if (cost) policy.costBudget?.observe(cost.throttleStatus, cost.requestedQueryCost, cost.actualQueryCost);
    if (!body.errors?.some((error) => error.extensions?.code === 'THROTTLED')) return undefined;
    return new UpstreamError(`${policy.vendorId}: Throttled`, {
      vendorId: policy.vendorId,
      errorClass: UpstreamErrorClass.RATE_LIMIT,
      retryAfterSeconds: policy.costBudget?.secondsUntil(cost?.requestedQueryCost ?? 1),
      vendorMessage: 'Throttled',
    });
  };
}

describe('a Shopify-like cost bucket', () => {
  let vendor: FakeVendor;
  afterEach(() => vendor.close());

  let clock: VirtualClock;
  let fake: FakeCostBucket;

  async function start(platform: 'shopify' | 'magento' = 'shopify') {
    clock = new VirtualClock();
    fake = new FakeCostBucket(clock, 100, 50);
    vendor = await startFakeVendor({
      platform,
      clock,
      handler: fake,
      resilience: { costBudget: { maximumAvailable: 100, restoreRate: 50 }, retry: { maxAttempts: platform === 'shopify' ? 3 : 1 } },
      hooks: (policy) => ({ inspectResponse: observeCost(policy) }),
    });
  }

  function query(cost: number, deadlineMs = 60_000) {
    const ctx = testCallContext({ deadline: clock.now() + deadlineMs });
    const body = { query: '{ shop { name } }', variables: { requestedCost: cost } };
    return vendor.client.request(ctx, { method: 'POST', path: GRAPHQL_PATH, body, operation: 'shop', idempotent: true, cost });
  }

  it('paces a burst whose total cost exceeds the bucket: no THROTTLED, never overdrawn', async () => {
    await start();
    const started = clock.now();

    const answers = await Promise.all(Array.from({ length: 12 }, () => query(30)));

    expect(answers.every((answer) => (answer.body as { data?: unknown }).data)).toBe(true);
    expect(fake.throttled).toBe(0);
    expect(fake.lowestLevel).toBeGreaterThanOrEqual(0);
    expect(vendor.server.count()).toBe(12);
    expect(clock.now() - started).toBeGreaterThan(0); // the burst waited for points
    expect(vendor.policy.health.snapshot().rateBudget).toMatchObject({ maximum: 100, restoreRate: 50, waiting: 0 });
  });

  it('fails fast with VENDOR_RATE_LIMITED, sending nothing, when the points cannot come before the deadline', async () => {
    await start();
    await query(100);
    await expect(query(100, 500)).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED', errorClass: 'rate_limit' });
    expect(vendor.server.count()).toBe(1);
    expect(fake.throttled).toBe(0);
    expect(vendor.policy.health.snapshot().rejected).toBe(1);
  });

  it('(control) the same burst without a cost budget is THROTTLED by the fake', async () => {
    await start('magento');
    await Promise.allSettled(Array.from({ length: 12 }, () => query(30)));
    expect(fake.throttled).toBeGreaterThan(0);
  });
});
