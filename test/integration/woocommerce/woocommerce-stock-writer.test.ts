import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import type { SimProduct, SimVariation } from '../../../src/sandbox/woocommerce/woocommerce-sim-catalog.ts';
import { startWooCommerceSimulator, type WooCommerceSimulator } from '../../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import type { InventoryChangeResult, StockChangeRequest, VendorSource } from '../../../src/vendors/vendor-source.ts';
import { createWooCommerceSource } from '../../../src/vendors/woocommerce/woocommerce-source.ts';
import { testCallContext } from '../../support/call-context.ts';

/** The mutation service's path into WooCommerce: plan, lock, prepare, commit, by native IDs only. */
describe('WooCommerce stock writes by native ID (StockWritePlanner)', () => {
  let sim: WooCommerceSimulator;
  let woo: VendorSource & { close(): Promise<void> };
  const ctx = testCallContext();
  const options = { idempotencyKey: 'k-planner', reason: 'correction' };

  beforeAll(async () => {
    sim = await startWooCommerceSimulator();
    woo = createWooCommerceSource(
      { platform: 'woocommerce', id: 'acme-woo', name: 'ACME Woo', baseUrl: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, queryStringAuth: false, currencyCode: 'EUR' },
      { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }) },
    );
  });
  afterEach(() => sim.server.clearLog());
  afterAll(async () => {
    await woo.close();
    await sim.close();
  });

  async function write(requests: StockChangeRequest[]): Promise<{ refusals: readonly unknown[]; results: readonly InventoryChangeResult[] }> {
    const plan = await woo.stockWrites!.plan(ctx, requests, options);
    const release = await plan.lock();
    try {
      const prepared = await plan.prepare(ctx);
      return { refusals: prepared.refusals, results: await prepared.commit(ctx) };
    } finally {
      release();
    }
  }
  const operations = () => sim.server.requestLog.map((entry) => entry.operation);

  /** A variable parent with managed stock and two tracked variations. */
  function family(): { parent: SimProduct; variations: [SimVariation, SimVariation] } {
    for (const parent of sim.catalog.products.values()) {
      const tracked = parent.variationIds.map((id) => sim.catalog.variations.get(id)).filter((variation): variation is SimVariation => variation?.manageStock === true && !variation.stockFromParent);
      if (parent.type === 'variable' && tracked.length >= 2) return { parent, variations: [tracked[0]!, tracked[1]!] };
    }
    throw new Error('no variable product with two tracked variations in the simulated shop');
  }
  const setRequest = (productNativeId: string, quantity: number): StockChangeRequest => ({ productNativeId, locationNativeId: 'default', mode: 'set', quantity });

  it('refuses an unknown product, a variable parent given as a product and a second location, after one read', async () => {
    const { parent } = family();
    const { refusals } = await write([setRequest('999999', 1), setRequest(String(parent.id), 1), { ...setRequest('999998', 1), locationNativeId: 'warehouse-2' }]);
    expect(refusals.map((refusal) => (refusal as { code: string } | null)?.code)).toEqual(['PRODUCT_NOT_FOUND', 'PRODUCT_NOT_FOUND', 'LOCATION_NOT_FOUND']);
    expect(operations()).toEqual(['GET /products']);
  });

  it('writes a variation that sells from its parent\'s stock to the parent', async () => {
    const { parent, variations } = family();
    parent.manageStock = true;
    parent.stockQuantity = 30;
    variations[0].stockFromParent = parent;
    try {
      const { results } = await write([setRequest(`${String(parent.id)}:${String(variations[0].id)}`, 12)]);
      expect(results[0]).toMatchObject({ status: 'APPLIED', before: 30, after: 12 });
      expect(parent.stockQuantity).toBe(12);
      // The variation's read reveals the parent; the parent's read is the one extra request this rare case costs.
      expect(operations()).toEqual(['GET /products/{id}/variations', 'GET /products', 'PUT /products/{id}']);
    } finally {
      delete variations[0].stockFromParent;
    }
  });

  it('locks a sibling variation without its parent once a read showed its own stock, and sends nothing if that has changed', async () => {
    const { parent, variations } = family();
    const [, sibling] = variations;
    const id = `${String(parent.id)}:${String(sibling.id)}`;
    expect((await write([setRequest(id, 21)])).results[0]).toMatchObject({ status: 'APPLIED', after: 21 }); // learns: own stock

    parent.manageStock = true;
    parent.stockQuantity = 40;
    sibling.stockFromParent = parent; // the shop moved it to the parent's stock since
    sim.server.clearLog();
    try {
      const stale = await write([setRequest(id, 5)]);
      expect(stale.results[0]).toMatchObject({ status: 'FAILED', error: { code: 'VENDOR_ERROR' } });
      expect(stale.results[0]?.error?.message).toMatch(/nothing was written, retry/);
      expect(operations().filter((operation) => !operation.startsWith('GET'))).toEqual([]);
      expect(parent.stockQuantity).toBe(40);

      const retried = await write([setRequest(id, 5)]); // now locks the parent
      expect(retried.results[0]).toMatchObject({ status: 'APPLIED', before: 40, after: 5 });
      expect(parent.stockQuantity).toBe(5);
    } finally {
      delete sibling.stockFromParent;
    }
  });
});
