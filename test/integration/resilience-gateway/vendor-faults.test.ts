import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/error-code.ts';
import { decodeGlobalId } from '../../../src/model/global-id.ts';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import { FaultKind } from '../../../src/sandbox/fault-injection.ts';
import { InventoryChangeStatus } from '../../../src/vendors/vendor-source.ts';
import { testCallContext } from '../../support/call-context.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { ALL_VENDORS, INSTANT_RETRIES, VENDOR, HEALTH_QUERY, startResilienceGateway, type HealthView, type ResilienceGateway } from './resilience-gateway-test-kit.ts';
import { applyInPhases } from '../../../src/vendors/stock-writes/phased-writes.ts';

/** Malformed payloads, a vendor that never answers, and a write whose answer never comes. */
const REQUEST_TIMEOUT_MS = 1_500;
/** Slack for the response to travel after the deadline fired (loopback; generous for slow CI). */
const MARGIN_MS = 1_000;
const WRITE_ATTEMPT_TIMEOUT_MS = 300;

const BY_SKU = 'query($skus: [String!]!) { productsBySku(skus: $skus) { vendorId sku totalAvailable } }';
type BySku = { productsBySku: Array<{ vendorId: string }> };

let sandbox: ResilienceGateway;
let sku = 1000;
const nextSku = () => `SG-${(sku += 1)}`; // distinct SKUs: no answer comes from the read cache

beforeAll(async () => {
  sandbox = await startResilienceGateway({
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    resilience: {
      [VENDOR.DROPSHIP]: { timeoutMs: WRITE_ATTEMPT_TIMEOUT_MS, retry: { ...INSTANT_RETRIES } },
    },
  });
});

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  for (const id of ALL_VENDORS) {
    sandbox.servers[id].setFaults({});
    sandbox.servers[id].clearLog();
  }
});

const vendorsIn = (response: { data?: BySku | null }) => [...new Set(response.data!.productsBySku.map((product) => product.vendorId))].sort();

describe('a vendor sending malformed payloads', () => {
  it('gives VENDOR_ERROR with a clear message (not retried, not a crash) while the others answer', async () => {
    sandbox.servers[VENDOR.WOO].setFaults({ malformedRate: 1 });
    const response = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [nextSku()] });
    expect(response.status).toBe(200);
    expect(vendorsIn(response)).toEqual([VENDOR.MAGENTO, VENDOR.SHOPIFY, VENDOR.DROPSHIP].sort());
    expect(response.errors).toEqual([
      {
        message: 'demo-woo answered productsBySku with a body that is not JSON',
        path: ['productsBySku'],
        extensions: { code: ErrorCode.VENDOR_ERROR, vendorId: VENDOR.WOO, retryable: false, errorClass: 'validation' },
      },
    ]);
    // A payload that does not parse will not parse the second time either.
    expect(sandbox.servers[VENDOR.WOO].count()).toBe(1);
  });

  it('does not open the circuit: a bad payload says nothing about the vendor being down', async () => {
    sandbox.servers[VENDOR.SHOPIFY].setFaults({ malformedRate: 1 });
    for (let n = 0; n < 6; n += 1) {
      const response = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [nextSku()] });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.VENDOR_ERROR, vendorId: VENDOR.SHOPIFY });
    }
    expect(sandbox.servers[VENDOR.SHOPIFY].count()).toBe(6);
    const health = await postGraphQL<{ vendors: HealthView[] }>(sandbox.url, HEALTH_QUERY);
    expect(health.data!.vendors.find((vendor) => vendor.id === VENDOR.SHOPIFY)!.health).toMatchObject({ circuit: 'CLOSED', status: 'DEGRADED' });
  });
});

describe('a vendor that never answers', () => {
  it('does not hold the response past the request deadline: the others’ data arrives with VENDOR_TIMEOUT for it', async () => {
    sandbox.servers[VENDOR.MAGENTO].setFaults({ timeoutRate: 1 });
    const started = performance.now();
    const response = await postGraphQL<BySku>(sandbox.url, BY_SKU, { skus: [nextSku()] });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + MARGIN_MS);
    expect(vendorsIn(response)).toEqual([VENDOR.SHOPIFY, VENDOR.WOO, VENDOR.DROPSHIP].sort());
    // Their stock too: it was asked as soon as each vendor's SKUs were in, not after Magento gave up.
    expect(response.data!.productsBySku.every((product) => typeof (product as { totalAvailable?: unknown }).totalAvailable === 'number')).toBe(true);
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['productsBySku'], extensions: expect.objectContaining({ code: ErrorCode.VENDOR_TIMEOUT, vendorId: VENDOR.MAGENTO, retryable: true }) }),
    ]);
  });
});

describe('a stock write whose answer never comes (not idempotent)', () => {
  async function dropshipProduct(): Promise<{ product: StandardProduct; location: string; available: number }> {
    const source = sandbox.gateway.services.registry.get(VENDOR.DROPSHIP);
    const [found] = await source.productsBySkus(testCallContext(), [nextSku()]);
    const product = (found as StandardProduct[])[0]!;
    const level = product.inventoryLevels![0]!;
    return { product, location: decodeGlobalId(level.locationId).nativeId, available: level.available };
  }

  const writes = () => sandbox.servers[VENDOR.DROPSHIP].requestLog.filter((entry) => entry.method === 'PUT');

  it('is sent once and never re-sent; the level read back shows it was not applied', async () => {
    const { product, location, available } = await dropshipProduct();
    sandbox.servers[VENDOR.DROPSHIP].setFaults({ timeoutRate: 1, pathIncludes: '/stock/' });
    const source = sandbox.gateway.services.registry.get(VENDOR.DROPSHIP);
    const [result] = await applyInPhases(source.stockWrites, 
      testCallContext(),
      [{ product, locationNativeId: location, mode: 'set', quantity: available + 5 }],
      { idempotencyKey: 'write-timeout-1', reason: 'correction' },
    );
    expect(writes()).toHaveLength(1);
    expect(writes()[0]!.fault).toBe(FaultKind.TIMEOUT);
    expect(result).toMatchObject({ status: InventoryChangeStatus.FAILED, before: available, after: available, error: { code: ErrorCode.VENDOR_TIMEOUT } });
    expect(result!.error!.message).toMatch(/was not applied and can be retried$/);
  });

  it('is sent once when the vendor applied it but the answer was lost; the read-back reports it applied', async () => {
    const { product, location, available } = await dropshipProduct();
    sandbox.servers[VENDOR.DROPSHIP].setFaults({ timeoutAfterApplyRate: 1, pathIncludes: '/stock/' });
    const source = sandbox.gateway.services.registry.get(VENDOR.DROPSHIP);
    const [result] = await applyInPhases(source.stockWrites, 
      testCallContext(),
      [{ product, locationNativeId: location, mode: 'set', quantity: available + 3 }],
      { idempotencyKey: 'write-timeout-2', reason: 'correction' },
    );
    expect(writes()).toHaveLength(1);
    expect(result).toMatchObject({ status: InventoryChangeStatus.APPLIED, before: available, after: available + 3 });
  });
});
