import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { INSTANT_RETRIES, VENDOR, scrapeMetric, startResilienceGateway, type ResilienceGateway } from './resilience-gateway-test-kit.ts';

/**
 * The gateway seen from outside, as an operator or a load balancer sees it: GraphQL, /metrics
 * and /ready over HTTP, faults switched through each simulator's POST /__sandbox/faults and its
 * traffic read from GET /__sandbox/requests. Nothing below reaches into the process.
 * (Only the start-up is in-process; the URLs are all the test keeps.)
 */
const COOL_DOWN_MS = 400;
const BY_SKU = 'query($skus: [String!]!) { productsBySku(skus: $skus) { vendorId totalAvailable } }';

let gatewayUrl: string;
let simulators: Readonly<Record<string, string>>;
let sandbox: ResilienceGateway;
let sku = 1000;
const nextSku = () => `SG-${(sku += 1)}`;

beforeAll(async () => {
  sandbox = await startResilienceGateway({
    resilience: {
      [VENDOR.DROPSHIP]: { retry: { maxAttempts: 1 }, breaker: { mode: 'consecutive', threshold: 2, halfOpenAfterMs: COOL_DOWN_MS, halfOpenProbes: 1 } },
      [VENDOR.WOO]: { retry: { ...INSTANT_RETRIES, maxAttempts: 3 }, retryBudget: { ratio: 1, minPerSecond: 10 } },
    },
  });
  gatewayUrl = sandbox.url;
  simulators = sandbox.simulators;
});

afterAll(async () => {
  await sandbox?.close();
});

async function switchFaults(vendorId: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${simulators[vendorId]}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(response.status).toBe(200);
}

async function sandboxRequests(vendorId: string): Promise<Array<{ fault: string }>> {
  const body = (await (await fetch(`${simulators[vendorId]}/__sandbox/requests`)).json()) as { requests: Array<{ fault: string }> };
  return body.requests;
}

async function ready(): Promise<{ status: number; vendors: Array<{ id: string; status: string; circuit: string }> }> {
  const response = await fetch(`${gatewayUrl}/ready`);
  const body = (await response.json()) as { vendors: Array<{ id: string; status: string; circuit: string }> };
  return { status: response.status, vendors: body.vendors };
}

describe('the gateway from outside', () => {
  it('is ready with every vendor healthy', async () => {
    const response = await postGraphQL(gatewayUrl, BY_SKU, { skus: [nextSku()] });
    expect(response.errors).toBeUndefined();
    const state = await ready();
    expect(state.status).toBe(200);
    expect(state.vendors.map((vendor) => [vendor.id, vendor.status, vendor.circuit])).toEqual([
      [VENDOR.SHOPIFY, 'UP', 'CLOSED'],
      [VENDOR.WOO, 'UP', 'CLOSED'],
      [VENDOR.MAGENTO, 'UP', 'CLOSED'],
      [VENDOR.DROPSHIP, 'UP', 'CLOSED'],
    ]);
  });

  it('retries a flaky vendor: every query answers, and /metrics counts exactly the failed attempts as retries', async () => {
    await switchFaults(VENDOR.WOO, { errorRate: 0.3, seed: 99 });
    for (let n = 0; n < 10; n += 1) {
      const response = await postGraphQL(gatewayUrl, BY_SKU, { skus: [nextSku()] });
      expect(response.errors).toBeUndefined();
    }
    await switchFaults(VENDOR.WOO, {});
    const failed = (await sandboxRequests(VENDOR.WOO)).filter((request) => request.fault === 'error').length;
    expect(failed).toBeGreaterThan(0);
    expect(await scrapeMetric(gatewayUrl, 'stockgraph_upstream_retries_total', { vendor: VENDOR.WOO })).toBe(failed);
  });

  it('isolates a vendor that went down: circuit open in /metrics and /ready, others answer, no traffic to it; closes after the cool-down', async () => {
    await switchFaults(VENDOR.DROPSHIP, { resetRate: 1 });
    for (let n = 0; n < 2; n += 1) await postGraphQL(gatewayUrl, BY_SKU, { skus: [nextSku()] });
    expect(await scrapeMetric(gatewayUrl, 'stockgraph_vendor_circuit_state', { vendor: VENDOR.DROPSHIP, state: 'open' })).toBe(1);
    const sent = (await sandboxRequests(VENDOR.DROPSHIP)).length;

    const failingFast = await postGraphQL<{ productsBySku: Array<{ vendorId: string }> }>(gatewayUrl, BY_SKU, { skus: [nextSku()] });
    expect(failingFast.data!.productsBySku).toHaveLength(3);
    expect(failingFast.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'VENDOR_UNAVAILABLE', vendorId: VENDOR.DROPSHIP }) })]);
    expect((await sandboxRequests(VENDOR.DROPSHIP)).length).toBe(sent);

    const degraded = await ready();
    expect(degraded.status).toBe(200); // three vendors still serve
    expect(degraded.vendors.find((vendor) => vendor.id === VENDOR.DROPSHIP)).toMatchObject({ status: 'DOWN', circuit: 'OPEN' });

    await switchFaults(VENDOR.DROPSHIP, {});
    // The cool-down is real time here (the process is a black box): ask until the probe went through.
    await vi.waitFor(
      async () => {
        const response = await postGraphQL(gatewayUrl, BY_SKU, { skus: ['SG-1000'] });
        expect(response.errors).toBeUndefined();
      },
      { timeout: COOL_DOWN_MS * 10, interval: COOL_DOWN_MS / 4 },
    );
    expect((await sandboxRequests(VENDOR.DROPSHIP)).length).toBe(sent + 1); // exactly one probe
    expect(await scrapeMetric(gatewayUrl, 'stockgraph_vendor_circuit_state', { vendor: VENDOR.DROPSHIP, state: 'closed' })).toBe(1);
    expect((await ready()).vendors.find((vendor) => vendor.id === VENDOR.DROPSHIP)).toMatchObject({ circuit: 'CLOSED' });
  });
});
