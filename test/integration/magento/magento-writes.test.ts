import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import type { InventoryChange } from '../../../src/vendors/vendor-source.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startMagentoKit, type MagentoKit } from './magento-test-kit.ts';
import { startWriteFaultProxy } from './magento-write-fault-proxy.ts';
import { applyInPhases } from '../../../src/vendors/stock-writes/phased-writes.ts';

const WRITE = 'POST /V1/inventory/source-items';
const READ = 'GET /V1/inventory/source-items';
const options = { idempotencyKey: 'k-1', reason: 'correction' };

async function productsFor(rig: MagentoKit, skus: string[]): Promise<StandardProduct[]> {
  const results = await rig.source.productsBySkus(testCallContext(), skus);
  return results.map((r, i) => {
    const product = Array.isArray(r) ? r[0] : undefined;
    if (!product) throw new Error(`no product ${skus[i]}`);
    return product;
  });
}

describe('Magento inventory writes (MSI)', () => {
  let rig: MagentoKit;
  const ctx = testCallContext();
  const qty = (sku: string, source: string) => rig.sim.catalog.sourceItem(sku, source)?.quantity;

  beforeAll(async () => {
    rig = await startMagentoKit();
    await productsFor(rig, ['SG-1000']); // warms the source directory (one GET /V1/inventory/sources per 10 minutes)
  });
  afterAll(() => rig.close());
  afterEach(() => {
    rig.sim.server.setFaults({});
    rig.sim.server.clearLog();
  });

  it('applies 10 changes with 2 requests: one fresh read of all levels and one batched absolute write', async () => {
    const skus = Array.from({ length: 10 }, (_, i) => `SG-${1020 + i}`);
    const products = await productsFor(rig, skus);
    const beforeValues = skus.map((sku) => qty(sku, 'default') ?? 0);
    rig.sim.server.clearLog();
    const changes: InventoryChange[] = products.map((product, i) =>
      i % 2 === 0 ? { product, locationNativeId: 'default', mode: 'set', quantity: 100 + i } : { product, locationNativeId: 'default', mode: 'adjust', delta: -1 },
    );
    const results = await applyInPhases(rig.source.stockWrites, ctx, changes, options);
    // No batch read+write is cheaper: the read is needed for deltas and compareQuantity (no atomic
    // adjust or CAS in Magento), and 10 items fit one synchronous write (input limit 20).
    expect([rig.requests(READ), rig.requests(WRITE), rig.requests()]).toEqual([1, 1, 2]);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('APPLIED'));
    skus.forEach((sku, i) => {
      const expected = i % 2 === 0 ? 100 + i : (beforeValues[i] ?? 0) - 1;
      expect(qty(sku, 'default')).toBe(expected);
      expect(results[i]).toMatchObject({ before: beforeValues[i], after: expected, level: { available: expected, locationName: 'Default Source' } });
    });
    const body = rig.sim.server.requestLog.find((e) => e.operation === WRITE)?.body as { sourceItems: unknown[] };
    expect(body.sourceItems).toHaveLength(10);
  });

  it('splits a write of 25 levels into batches of 20 (the synchronous input-list limit)', async () => {
    const skus = Array.from({ length: 25 }, (_, i) => `SG-${1030 + (i % 25)}`);
    const products = await productsFor(rig, skus);
    rig.sim.server.clearLog();
    const results = await applyInPhases(rig.source.stockWrites, ctx, products.map((product) => ({ product, locationNativeId: 'default', mode: 'set', quantity: 5 })), options);
    expect(results.every((r) => r.status === 'APPLIED')).toBe(true);
    expect(rig.requests(WRITE)).toBe(2);
    expect(rig.sim.server.requestLog.filter((e) => e.operation === WRITE).map((e) => (e.body as { sourceItems: unknown[] }).sourceItems.length)).toEqual([20, 5]);
  });

  it('answers CONFLICT and writes nothing when compareQuantity does not match', async () => {
    const [product] = await productsFor(rig, ['SG-1040']);
    const current = qty('SG-1040', 'default') ?? 0;
    rig.sim.server.clearLog();
    const [result] = await applyInPhases(rig.source.stockWrites, ctx, [{ product: product as StandardProduct, locationNativeId: 'default', mode: 'set', quantity: 1, compareQuantity: current + 7 }], options);
    expect(result).toMatchObject({ status: 'CONFLICT', before: current, after: current, level: { available: current } });
    expect(qty('SG-1040', 'default')).toBe(current);
    expect(rig.requests(WRITE)).toBe(0);
  });

  it('chains several changes of one level in order, checking each compareQuantity against the previous result', async () => {
    const [product] = (await productsFor(rig, ['SG-1041'])) as [StandardProduct];
    const results = await applyInPhases(rig.source.stockWrites, 
      ctx,
      [
        { product, locationNativeId: 'warehouse-east', mode: 'set', quantity: 10 },
        { product, locationNativeId: 'warehouse-east', mode: 'adjust', delta: 5, compareQuantity: 10 },
        { product, locationNativeId: 'warehouse-east', mode: 'adjust', delta: 1, compareQuantity: 10 },
      ],
      options,
    );
    expect(results.map((r) => [r.status, r.before, r.after])).toEqual([['APPLIED', 0 + (results[0]?.before ?? 0), 10], ['APPLIED', 10, 15], ['CONFLICT', 15, 15]]);
    expect(qty('SG-1041', 'warehouse-east')).toBe(15);
    expect(rig.requests(WRITE)).toBe(1);
  });

  it('serializes concurrent adjusts of one level inside the process: no lost update', async () => {
    const [product] = (await productsFor(rig, ['SG-1042'])) as [StandardProduct];
    const start = qty('SG-1042', 'default') ?? 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => applyInPhases(rig.source.stockWrites, ctx, [{ product, locationNativeId: 'default', mode: 'adjust', delta: 2 }], options)),
    );
    expect(results.flat().every((r) => r.status === 'APPLIED')).toBe(true);
    expect(qty('SG-1042', 'default')).toBe(start + 10);
  });

  it('writes nothing when the fresh read before the write times out', async () => {
    const [product] = (await productsFor(rig, ['SG-1043'])) as [StandardProduct];
    const start = qty('SG-1043', 'default') ?? 0;
    rig.sim.server.clearLog();
    rig.sim.server.setFaults({ timeoutRate: 1, pathIncludes: '/inventory/source-items' });
    const [result] = await applyInPhases(rig.source.stockWrites, testCallContext({ deadline: Date.now() + 500 }), [{ product, locationNativeId: 'default', mode: 'adjust', delta: 3 }], options);
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'VENDOR_TIMEOUT' } });
    expect(result?.error?.message).toMatch(/nothing was changed/);
    expect(rig.requests(WRITE)).toBe(0);
    expect(qty('SG-1043', 'default')).toBe(start);
  });

  it('reads back after a timeout-after-apply on the write and reports APPLIED once', async () => {
    const [product] = (await productsFor(rig, ['SG-1044'])) as [StandardProduct];
    const start = qty('SG-1044', 'default') ?? 0;
    rig.sim.server.clearLog();
    const writeOnlyFaulted = await startWriteFaultProxy(rig, 'timeout_after_apply');
    try {
      const [result] = await writeOnlyFaulted.apply([{ product, locationNativeId: 'default', mode: 'adjust', delta: 3 }]);
      expect(result?.error).toBeNull();
      expect(result).toMatchObject({ status: 'APPLIED', before: start, after: start + 3 });
      expect(qty('SG-1044', 'default')).toBe(start + 3);
      expect(writeOnlyFaulted.writes()).toBe(1);
      expect(rig.requests(READ)).toBe(2); // the fresh read and the read-back
    } finally {
      await writeOnlyFaulted.close();
    }
  });

  it('reports FAILED (safe to retry) when a 500 answered the write and the read-back shows no change', async () => {
    const [product] = (await productsFor(rig, ['SG-1045'])) as [StandardProduct];
    const start = qty('SG-1045', 'default') ?? 0;
    rig.sim.server.clearLog();
    const faulted = await startWriteFaultProxy(rig, 'error');
    try {
      const [result] = await faulted.apply([{ product, locationNativeId: 'default', mode: 'set', quantity: start + 50 }]);
      expect(result?.status).toBe('FAILED');
      expect(result?.error).toMatchObject({ code: 'VENDOR_ERROR' });
      expect(result?.error?.message).toMatch(/not applied, safe to retry/);
      expect(qty('SG-1045', 'default')).toBe(start);
      expect(faulted.writes()).toBe(1);
    } finally {
      await faulted.close();
    }
  });

  it('fails only the changes with an unknown source or missing value', async () => {
    const [product] = (await productsFor(rig, ['SG-1046'])) as [StandardProduct];
    const results = await applyInPhases(rig.source.stockWrites, 
      ctx,
      [
        { product, locationNativeId: 'mars', mode: 'set', quantity: 1 },
        { product, locationNativeId: 'default', mode: 'adjust' },
        { product, locationNativeId: 'default', mode: 'set', quantity: 9 },
      ],
      options,
    );
    expect(results.map((r) => [r.status, r.error?.code ?? null])).toEqual([['FAILED', 'NOT_FOUND'], ['FAILED', 'BAD_USER_INPUT'], ['APPLIED', null]]);
  });
});

describe('Magento inventory writes without MSI (legacy stock item)', () => {
  let rig: MagentoKit;
  const ctx = testCallContext();

  beforeAll(async () => {
    rig = await startMagentoKit({ sim: { msi: false } });
  });
  afterAll(() => rig.close());

  it('reads stock items in one product search and PUTs each changed stock item', async () => {
    const products = await productsFor(rig, ['SG-1000', 'SG-1001']);
    const before = products.map((p) => rig.sim.catalog.findBySku(p.sku ?? '')?.legacyQty ?? 0);
    rig.sim.server.clearLog();
    const results = await applyInPhases(rig.source.stockWrites, 
      ctx,
      products.map((product) => ({ product, locationNativeId: 'default', mode: 'adjust', delta: 4 })),
      options,
    );
    expect(results.map((r) => [r.status, r.before, r.after])).toEqual(before.map((b) => ['APPLIED', b, b + 4]));
    expect(rig.sim.catalog.findBySku('SG-1000')?.legacyQty).toBe((before[0] ?? 0) + 4);
    expect([rig.requests('GET /V1/products'), rig.requests('PUT /V1/products/{sku}/stockItems/{itemId}'), rig.requests()]).toEqual([1, 2, 3]);
  });

  it('by native ID, one product search under the lock is the only read: it names the SKU and carries the stock item', async () => {
    const products = await productsFor(rig, ['SG-1003', 'SG-1004']);
    const before = products.map((p) => rig.sim.catalog.findBySku(p.sku ?? '')?.legacyQty ?? 0);
    rig.sim.server.clearLog();
    const plan = await rig.source.stockWrites.plan(ctx, products.map((p) => ({ productNativeId: p.nativeId, locationNativeId: 'default', mode: 'adjust', delta: 2 })), options);
    expect(rig.requests()).toBe(0); // nothing is read before the lock on a legacy store
    const release = await plan.lock();
    try {
      const prepared = await plan.prepare(ctx);
      expect(prepared.refusals).toEqual([null, null]);
      const results = await prepared.commit(ctx);
      expect(results.map((r) => [r.status, r.before, r.after])).toEqual(before.map((b) => ['APPLIED', b, b + 2]));
    } finally {
      release();
    }
    expect([rig.requests('GET /V1/products'), rig.requests('PUT /V1/products/{sku}/stockItems/{itemId}'), rig.requests()]).toEqual([1, 2, 3]);
  });

  it('refuses MSI source codes on a legacy store', async () => {
    const [product] = (await productsFor(rig, ['SG-1002'])) as [StandardProduct];
    const [result] = await applyInPhases(rig.source.stockWrites, ctx, [{ product, locationNativeId: 'warehouse-east', mode: 'set', quantity: 1 }], options);
    expect(result).toMatchObject({ status: 'FAILED', error: { code: 'NOT_FOUND' } });
  });
});
