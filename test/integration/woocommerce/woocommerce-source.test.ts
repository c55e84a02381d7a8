import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deadlineOnlyPolicy, type UpstreamPolicy } from '../../../src/resilience/upstream-policy.ts';
import { sharedDemoSkus } from '../../../src/sandbox/demo-catalog.ts';
import type { RequestLogEntry } from '../../../src/sandbox/simulator-server.ts';
import { startWooCommerceSimulator, type WooCommerceSimulator } from '../../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import type { InventoryChange } from '../../../src/vendors/vendor-source.ts';
import type { WooCommerceVendorConfig } from '../../../src/config/vendors/woocommerce-config.ts';
import { createWooCommerceSource, type WooCommerceSource } from '../../../src/vendors/woocommerce/woocommerce-source.ts';
import { testCallContext } from '../../support/call-context.ts';
import { applyInPhases } from '../../../src/vendors/stock-writes/phased-writes.ts';

/** A policy whose attempts give up after `ms`, so a request that is never answered ends quickly. */
const attemptTimeout = (ms: number): UpstreamPolicy => ({
  execute: (call, options) => call(AbortSignal.any([options.signal, AbortSignal.timeout(ms)])),
});

describe('WooCommerce source against the simulator (real HTTP)', () => {
  let sim: WooCommerceSimulator;
  const sources: WooCommerceSource[] = [];
  const ctx = testCallContext();

  const config = (overrides: Partial<WooCommerceVendorConfig> = {}): WooCommerceVendorConfig => ({
    platform: 'woocommerce',
    id: 'acme-woo',
    name: 'ACME Woo',
    baseUrl: sim.url,
    consumerKey: sim.consumerKey,
    consumerSecret: sim.consumerSecret,
    queryStringAuth: false,
    currencyCode: 'EUR',
    ...overrides,
  });
  const source = (overrides: Partial<WooCommerceVendorConfig> = {}, policy: UpstreamPolicy = deadlineOnlyPolicy, logger = pino({ level: 'silent' })) => {
    const created = createWooCommerceSource(config(overrides), { policy, logger });
    sources.push(created);
    return created;
  };
  const requests = (predicate: (entry: RequestLogEntry) => boolean = () => true) => sim.server.count(predicate);
  const isRead = (entry: RequestLogEntry) => entry.method === 'GET';
  const isWrite = (entry: RequestLogEntry) => entry.method !== 'GET';

  /** Every sellable SKU of the simulated shop, as native ids (what listing must return). */
  const sellable = (): string[] => {
    const ids: string[] = [];
    for (const product of sim.catalog.products.values()) {
      if (product.status === 'trash') continue;
      if (product.type === 'simple') ids.push(String(product.id));
      if (product.type === 'variable') ids.push(...product.variationIds.map((id) => `${String(product.id)}:${String(id)}`));
    }
    return ids;
  };
  const trackedSimple = (count: number) =>
    [...sim.catalog.products.values()].filter((item) => item.type === 'simple' && item.manageStock && item.status === 'publish').slice(0, count);

  beforeAll(async () => {
    sim = await startWooCommerceSimulator();
  });
  afterEach(() => {
    sim.server.setFaults({});
    sim.server.clearLog();
  });
  afterAll(async () => {
    await Promise.all(sources.map((item) => item.close()));
    await sim.close();
  });

  describe('reads', () => {
    it('finds 100 SKUs (99 simple products and one unknown) in one request, answering in key order', async () => {
      const woo = source();
      const skus = [...sim.catalog.products.values()].filter((item) => item.type === 'simple' && item.sku && item.status !== 'trash').slice(0, 99).map((item) => item.sku);
      const found = await woo.productsBySkus(ctx, [...skus, 'NO-SUCH-SKU']);
      expect(requests()).toBe(1);
      expect(found.slice(0, 99).map((list) => (list as StandardProduct[])[0]?.sku)).toEqual(skus);
      expect(found[99]).toEqual([]);
    });

    it('finds N SKUs across products and variations in ceil(N/100) + ceil(parents/100) requests', async () => {
      const woo = source();
      const others = [...sim.catalog.variations.values(), ...sim.catalog.products.values()].map((item) => item.sku).filter((sku) => /^WC-\d+$/.test(sku));
      const skus = [...sharedDemoSkus(), ...others.slice(0, 90)];
      const found = (await woo.productsBySkus(ctx, skus)) as StandardProduct[][];
      const variations = found.flat().filter((item) => item.parentNativeId !== null);
      const parents = new Set(variations.map((item) => item.parentNativeId));
      expect(requests((entry) => entry.query.includes('sku='))).toBe(Math.ceil(skus.length / 100));
      expect(requests((entry) => !entry.query.includes('sku='))).toBe(Math.ceil(parents.size / 100));
      expect(found.map((list) => list.map((item) => item.sku))).toEqual(skus.map((sku) => [sku]));
      expect(variations[0]?.name).toMatch(/ - /);
      expect(found[0]?.[0]?.price.currencyCode).toBe('EUR');
    });

    it('loads products and variations by native id in one include request plus one per variation parent', async () => {
      const woo = source();
      const expected = sellable().filter((_, index) => index % 9 === 0).slice(0, 30);
      const parents = new Set(expected.filter((id) => id.includes(':')).map((id) => id.split(':')[0]));
      const found = await woo.productsByNativeIds(ctx, [...expected, '999999', '10:999999', 'garbage']);
      expect(found.slice(0, expected.length).map((item) => (item as StandardProduct).nativeId)).toEqual(expected);
      expect(found.slice(expected.length)).toEqual([null, null, null]);
      expect(requests((entry) => entry.query.includes('include=') && entry.path.endsWith('/products'))).toBe(1);
      expect(requests((entry) => entry.path.endsWith('/variations'))).toBe(parents.size);
    });

    it('lists every sellable SKU exactly once over cursor pages, and counts them from parents only', async () => {
      const woo = source();
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages += 1) {
        const page = await woo.listProducts(ctx, { first: 25, after, filter: {}, includeInventoryLevels: true });
        seen.push(...page.products.map((item) => item.nativeId));
        expect(page.products.length <= 25).toBe(true);
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(seen).toHaveLength(new Set(seen).size);
      expect([...seen].sort()).toEqual(sellable().sort());

      sim.server.clearLog();
      expect(await woo.countProducts(ctx, {})).toBe(sellable().length);
      const variable = [...sim.catalog.products.values()].filter((item) => item.type === 'variable' && item.status !== 'trash').length;
      expect(requests()).toBe(1 + Math.ceil(variable / 100));
    });

    it('answers inventory levels from the product payload without a request', async () => {
      const woo = source();
      const [product] = (await woo.productsBySkus(ctx, ['SG-1000'])) as StandardProduct[][];
      sim.server.clearLog();
      const levels = await woo.inventoryLevels(ctx, product ?? []);
      expect(requests()).toBe(0);
      expect(levels[0]).toHaveLength(1);
    });
  });

  describe('stock writes', () => {
    const setChange = (product: StandardProduct, quantity: number, compareQuantity?: number): InventoryChange => ({
      product,
      locationNativeId: 'default',
      mode: 'set',
      quantity,
      compareQuantity,
    });
    const load = async (woo: WooCommerceSource, ids: string[]) => {
      const products = (await woo.productsByNativeIds(ctx, ids)) as StandardProduct[];
      sim.server.clearLog();
      return products;
    };
    const options = { idempotencyKey: 'k-1', reason: 'test' };

    it('writes 10 changes with one read and one batch write', async () => {
      const woo = source();
      const items = trackedSimple(10);
      const products = await load(woo, items.map((item) => String(item.id)));
      const results = await applyInPhases(woo.stockWrites, ctx, products.map((product, index) => setChange(product, 500 + index)), options);
      expect(results.map((result) => result.status)).toEqual(Array(10).fill('APPLIED'));
      expect(items.map((item) => item.stockQuantity)).toEqual(items.map((_, index) => 500 + index));
      expect(requests(isRead)).toBe(1);
      expect(requests(isWrite)).toBe(1);
      expect(requests((entry) => entry.operation === 'POST /products/batch')).toBe(1);
      expect(results[3]).toMatchObject({ before: expect.any(Number), after: 503, level: { available: 503, locationName: 'ACME Woo' } });
    });

    it('writes one change with a single PUT, and deltas as absolutes computed from a fresh read', async () => {
      const woo = source();
      const [item] = trackedSimple(1);
      const [product] = await load(woo, [String(item?.id)]);
      if (!item || !product) throw new Error('no tracked product');
      item.stockQuantity = 40; // changed behind the gateway's back after the product was loaded
      const [result] = await applyInPhases(woo.stockWrites, ctx, [{ product, locationNativeId: 'default', mode: 'adjust', delta: -3 }], options);
      expect(result).toMatchObject({ status: 'APPLIED', before: 40, after: 37 });
      expect(item.stockQuantity).toBe(37);
      expect(requests((entry) => entry.operation === 'PUT /products/{id}')).toBe(1);
      expect(requests()).toBe(2);
    });

    it('answers CONFLICT and writes nothing when compareQuantity differs', async () => {
      const woo = source();
      const [item] = trackedSimple(1);
      const [product] = await load(woo, [String(item?.id)]);
      if (!item || !product) throw new Error('no tracked product');
      item.stockQuantity = 12;
      const [result] = await applyInPhases(woo.stockWrites, ctx, [setChange(product, 99, 11)], options);
      expect(result).toMatchObject({ status: 'CONFLICT', before: 12, after: 12, error: { code: 'CONFLICT' } });
      expect(item.stockQuantity).toBe(12);
      expect(requests(isWrite)).toBe(0);
    });

    it('applies two changes of the same item in order', async () => {
      const woo = source();
      const [item] = trackedSimple(1);
      const [product] = await load(woo, [String(item?.id)]);
      if (!item || !product) throw new Error('no tracked product');
      item.stockQuantity = 10;
      const adjust = (delta: number): InventoryChange => ({ product, locationNativeId: 'default', mode: 'adjust', delta });
      const results = await applyInPhases(woo.stockWrites, ctx, [adjust(1), adjust(2)], options);
      expect(results.map((result) => [result.before, result.after])).toEqual([[10, 11], [11, 13]]);
      expect(item.stockQuantity).toBe(13);
    });

    it('serializes concurrent calls on the same item inside the process, so no delta is lost', async () => {
      const woo = source();
      const [item] = trackedSimple(1);
      const [product] = await load(woo, [String(item?.id)]);
      if (!item || !product) throw new Error('no tracked product');
      item.stockQuantity = 50;
      const adjust = (delta: number): InventoryChange => ({ product, locationNativeId: 'default', mode: 'adjust', delta });
      const results = await Promise.all([1, 2, 3, 4].map((delta) => applyInPhases(woo.stockWrites, ctx, [adjust(delta)], options)));
      expect(results.flat().map((result) => result.status)).toEqual(Array(4).fill('APPLIED'));
      expect(item.stockQuantity).toBe(60);
    });

    it('writes variations of one parent with one variations batch', async () => {
      const woo = source();
      const parent = [...sim.catalog.products.values()].find(
        (item) => item.type === 'variable' && item.status === 'publish' && item.variationIds.filter((id) => sim.catalog.variations.get(id)?.manageStock).length >= 2,
      );
      const ids = (parent?.variationIds ?? []).filter((id) => sim.catalog.variations.get(id)?.manageStock).slice(0, 2);
      const products = await load(woo, ids.map((id) => `${String(parent?.id)}:${String(id)}`));
      const results = await applyInPhases(woo.stockWrites, ctx, products.map((product) => setChange(product, 77)), options);
      expect(results.map((result) => result.status)).toEqual(['APPLIED', 'APPLIED']);
      expect(ids.map((id) => sim.catalog.variations.get(id)?.stockQuantity)).toEqual([77, 77]);
      expect(requests((entry) => entry.operation === 'POST /products/{id}/variations/batch')).toBe(1);
      expect(requests()).toBe(2);
    });

    it('refuses untracked products and unknown locations without a request', async () => {
      const woo = source();
      const untracked = [...sim.catalog.products.values()].find((item) => item.type === 'simple' && !item.manageStock && item.status !== 'trash');
      const [tracked] = trackedSimple(1);
      const [a, b] = await load(woo, [String(untracked?.id), String(tracked?.id)]);
      if (!a || !b) throw new Error('fixtures missing');
      const results = await applyInPhases(woo.stockWrites, ctx, [setChange(a, 1), { ...setChange(b, 1), locationNativeId: 'warehouse-2' }], options);
      expect(results.map((result) => [result.status, result.error?.code])).toEqual([
        ['FAILED', 'VENDOR_REJECTED'],
        ['FAILED', 'NOT_FOUND'],
      ]);
      expect(requests()).toBe(0);
    });

    it('resolves a batch write that timed out after applying by reading back, without sending it again', async () => {
      const woo = source({}, attemptTimeout(300));
      const items = trackedSimple(13).slice(10);
      const products = await load(woo, items.map((item) => String(item.id)));
      const before = items.map((item) => item.stockQuantity ?? 0);
      sim.server.setFaults({ timeoutAfterApplyRate: 1, pathIncludes: '/products/batch' });
      const results = await applyInPhases(woo.stockWrites, ctx, products.map((product, index) => ({ product, locationNativeId: 'default', mode: 'adjust', delta: 5 + index })), options);
      expect(results.map((result) => [result.status, result.before, result.after])).toEqual(before.map((value, index) => ['APPLIED', value, value + 5 + index]));
      expect(items.map((item) => item.stockQuantity)).toEqual(before.map((value, index) => value + 5 + index)); // applied once, not twice
      expect(requests((entry) => entry.operation === 'POST /products/batch')).toBe(1);
      expect(requests(isRead)).toBe(2); // the fresh read and the read-back
    });

    it('answers FAILED with a retryable code when the read-back shows the write never landed', async () => {
      const woo = source({}, attemptTimeout(300));
      const [item] = trackedSimple(14).slice(13);
      const [product] = await load(woo, [String(item?.id)]);
      if (!item || !product) throw new Error('no tracked product');
      item.stockQuantity = 8;
      sim.server.setFaults({ timeoutRate: 1, pathIncludes: `/products/${String(item.id)}` });
      const [result] = await applyInPhases(woo.stockWrites, ctx, [setChange(product, 20)], options);
      expect(result).toMatchObject({ status: 'FAILED', before: 8, after: 8, error: { code: 'VENDOR_TIMEOUT' } });
      expect(item.stockQuantity).toBe(8);
      expect(requests(isWrite)).toBe(1);
    });
  });

  describe('query-string auth', () => {
    it('authenticates with consumer_key/consumer_secret and keeps them out of logs and errors', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString()); done(); } }));
      const woo = source({ queryStringAuth: true }, deadlineOnlyPolicy, logger);
      const logCtx = testCallContext({ logger });
      const found = (await woo.productsBySkus(logCtx, ['SG-1001'])) as StandardProduct[][];
      expect(found[0]).toHaveLength(1);
      expect(sim.server.requestLog[0]?.query).toContain('consumer_key=');

      const wrong = source({ queryStringAuth: true, consumerSecret: 'cs_wrong_secret_value' }, deadlineOnlyPolicy, logger);
      const error = await wrong.countProducts(logCtx, {}).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'VENDOR_REJECTED', message: expect.stringContaining('Consumer secret is invalid.') });
      const text = `${lines.join('\n')}\n${JSON.stringify(error)}\n${String((error as Error).message)}`;
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of [sim.consumerKey, sim.consumerSecret, 'cs_wrong_secret_value']) expect(text).not.toContain(secret);
    });
  });
});
