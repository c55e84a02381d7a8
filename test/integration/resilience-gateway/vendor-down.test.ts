import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../src/errors/error-code.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { HEALTH_QUERY, INSTANT_RETRIES, VENDOR, scrapeMetric, startResilienceGateway, type HealthView, type ResilienceGateway } from './resilience-gateway-test-kit.ts';

const BY_SKU = 'query($skus: [String!]!) { productsBySku(skus: $skus) { vendorId sku totalAvailable } }';
const COOL_DOWN_MS = 30_000;
const THRESHOLD = 4;

type BySku = { productsBySku: Array<{ vendorId: string }> };

async function healthOf(url: string, vendorId: string): Promise<HealthView['health']> {
  const response = await postGraphQL<{ vendors: HealthView[] }>(url, HEALTH_QUERY);
  return response.data!.vendors.find((vendor) => vendor.id === vendorId)!.health;
}

describe('a vendor that is down (every connection reset)', () => {
  let sandbox: ResilienceGateway;
  let sku = 1000;
  const nextSku = () => `SG-${(sku += 1)}`; // distinct SKUs: no query is answered by the read cache

  beforeAll(async () => {
    sandbox = await startResilienceGateway({
      resilience: {
        [VENDOR.DROPSHIP]: {
          retry: { ...INSTANT_RETRIES, maxAttempts: 2 },
          breaker: { mode: 'consecutive', threshold: THRESHOLD, halfOpenAfterMs: COOL_DOWN_MS, halfOpenProbes: 1 },
        },
      },
    });
  });

  afterAll(async () => {
    vi.useRealTimers();
    await sandbox?.close();
  });

  it('opens its circuit after N failed attempts; then fails fast with VENDOR_UNAVAILABLE, sending nothing, while the others answer', async () => {
    // Only Date is faked: cockatiel measures the cool-down with Date.now(); sockets and timers
    // stay real. The cool-down then passes by setting the clock, never by sleeping.
    vi.useFakeTimers({ toFake: ['Date'] });
    const dropship = sandbox.servers[VENDOR.DROPSHIP];
    dropship.setFaults({ resetRate: 1 });

    // Two lookups of two attempts each: THRESHOLD consecutive failures open the circuit.
    for (let n = 0; n < 2; n += 1) {
      const response = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [nextSku()] });
      expect(response.errors).toEqual([
        expect.objectContaining({ path: ['productsBySku'], extensions: expect.objectContaining({ code: ErrorCode.VENDOR_UNAVAILABLE, vendorId: VENDOR.DROPSHIP }) }),
      ]);
      expect(response.data!.productsBySku.map((product) => product.vendorId).sort()).toEqual([VENDOR.MAGENTO, VENDOR.SHOPIFY, VENDOR.WOO]);
    }
    expect(dropship.count()).toBe(THRESHOLD);
    expect(await healthOf(sandbox.url, VENDOR.DROPSHIP)).toMatchObject({ circuit: 'OPEN', status: 'DOWN', errorRate: 1, windowCalls: THRESHOLD });
    expect(await scrapeMetric(sandbox.url, 'stockgraph_vendor_circuit_state', { vendor: VENDOR.DROPSHIP, state: 'open' })).toBe(1);

    for (let n = 0; n < 3; n += 1) {
      const response = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [nextSku()] });
      expect(response.errors).toEqual([
        {
          message: 'dropship is failing; calls are paused for a cool-down',
          path: ['productsBySku'],
          extensions: expect.objectContaining({ code: ErrorCode.VENDOR_UNAVAILABLE, vendorId: VENDOR.DROPSHIP, retryable: true }),
        },
      ]);
      expect(response.data!.productsBySku).toHaveLength(3);
    }
    // Listings of the vendor: empty pages, and each error with the path of its own field
    // (aliases and nesting included, as the GraphQL spec requires of `path`).
    const listing = await postGraphQL<{ products: { nodes: unknown[] }; nested: { products: { nodes: unknown[] } } }>(
      sandbox.url,
      '{ products(first: 5, vendorId: "dropship") { nodes { id } } nested: vendor(id: "dropship") { products(first: 5) { nodes { id } } } }',
    );
    expect(listing.data!.products.nodes).toEqual([]);
    expect(listing.data!.nested.products.nodes).toEqual([]);
    const unavailable = expect.objectContaining({ code: ErrorCode.VENDOR_UNAVAILABLE, vendorId: VENDOR.DROPSHIP });
    expect(listing.errors).toEqual([
      expect.objectContaining({ path: ['products'], extensions: unavailable }),
      expect.objectContaining({ path: ['nested', 'products'], extensions: unavailable }),
    ]);
    const aliased = await postGraphQL(sandbox.url, '{ lookup: productsBySku(skus: ["SG-1059"]) { id } }');
    expect(aliased.errors).toEqual([expect.objectContaining({ path: ['lookup'], extensions: unavailable })]);
    expect(dropship.count()).toBe(THRESHOLD);
  });

  it('lets one probe through after the cool-down; a healthy answer closes the circuit again', async () => {
    const dropship = sandbox.servers[VENDOR.DROPSHIP];
    dropship.setFaults({});
    const stillOpen = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [nextSku()] });
    expect(stillOpen.errors?.[0]?.extensions?.code).toBe(ErrorCode.VENDOR_UNAVAILABLE);
    expect(dropship.count()).toBe(THRESHOLD);

    vi.setSystemTime(Date.now() + COOL_DOWN_MS);
    const probed = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [nextSku()] });
    expect(probed.errors).toBeUndefined();
    expect(probed.data!.productsBySku).toHaveLength(4);
    expect(dropship.count()).toBe(THRESHOLD + 1);
    const health = await healthOf(sandbox.url, VENDOR.DROPSHIP);
    expect(health).toMatchObject({ circuit: 'CLOSED', windowCalls: THRESHOLD + 1, lastError: expect.stringMatching(/^dropship could not be reached/) });
    expect(health.errorRate).toBeCloseTo(THRESHOLD / (THRESHOLD + 1), 10);
    expect(await scrapeMetric(sandbox.url, 'stockgraph_vendor_circuit_state', { vendor: VENDOR.DROPSHIP, state: 'closed' })).toBe(1);
  });
});

describe('a vendor failing every request', () => {
  let sandbox: ResilienceGateway;
  const CALLS = 30;
  const RATIO = 0.1;
  const MIN_PER_SECOND = 0.5;

  beforeAll(async () => {
    sandbox = await startResilienceGateway({
      resilience: {
        [VENDOR.WOO]: {
          retry: { ...INSTANT_RETRIES, maxAttempts: 3 },
          retryBudget: { ratio: RATIO, minPerSecond: MIN_PER_SECOND },
          // The budget alone is under test: no breaker opening, no request-rate pacing.
          breaker: { mode: 'consecutive', threshold: 1000 },
          rateLimit: null,
        },
        // Dropship's default 5 requests/s would pace the 30 lookups over 4 s; not under test here.
        [VENDOR.DROPSHIP]: { rateLimit: null },
      },
      faults: { [VENDOR.WOO]: { errorRate: 1 } },
    });
  });

  afterEach(() => vi.useRealTimers());

  afterAll(async () => {
    await sandbox?.close();
  });

  it('stays within the retry budget: N calls cost at most N × (1 + ratio) + minPerSecond × 10 s attempts, not N × 3', async () => {
    for (let n = 0; n < CALLS; n += 1) {
      const response = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [`SG-${1000 + n}`] });
      expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: ErrorCode.VENDOR_ERROR, vendorId: VENDOR.WOO }) })]);
      expect(response.data!.productsBySku).toHaveLength(3);
    }
    const attempts = sandbox.servers[VENDOR.WOO].count();
    const retries = await scrapeMetric(sandbox.url, 'stockgraph_upstream_retries_total', { vendor: VENDOR.WOO });
    // One SKU search per lookup: it fails, so nothing else of the lookup is asked.
    expect(attempts - retries).toBe(CALLS);
    expect(attempts).toBeLessThanOrEqual(CALLS * (1 + RATIO) + MIN_PER_SECOND * 10);
    expect(retries).toBeGreaterThan(0); // the floor lets a few through
    expect(await scrapeMetric(sandbox.url, 'stockgraph_upstream_requests_total', { vendor: VENDOR.WOO })).toBe(attempts);
  });
});
