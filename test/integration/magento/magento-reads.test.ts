import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sharedDemoSkus } from '../../../src/sandbox/demo-catalog.ts';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startMagentoKit, type MagentoKit } from './magento-test-kit.ts';

const PRODUCTS = 'GET /V1/products';
const SOURCE_ITEMS = 'GET /V1/inventory/source-items';
const SOURCES = 'GET /V1/inventory/sources';

describe('Magento source reads over HTTP (MSI store, input limits on)', () => {
  let rig: MagentoKit;
  const ctx = testCallContext();

  beforeAll(async () => {
    rig = await startMagentoKit();
  });
  afterAll(() => rig.close());
  afterEach(() => rig.sim.server.clearLog());

  it('looks up 100 SKUs (children of configurables among them) and their levels with the minimum of requests', async () => {
    const sellable = rig.sim.catalog.products.filter((p) => p.typeId !== 'configurable');
    const skus = [...sharedDemoSkus(), ...sellable.filter((p) => p.sku.startsWith('MG-CFG-')).slice(0, 40).map((p) => p.sku)];
    expect(skus).toHaveLength(100);

    const products = await rig.source.productsBySkus(ctx, skus);
    // Cold start: 1 products search (100 SKUs fit one `in` filter and one 300-item page), 1 sources
    // search (tells MSI from legacy stock, names the sources), 1 search of configurable parents (children carry no parent link).
    expect([rig.requests(PRODUCTS), rig.requests(SOURCES), rig.requests()]).toEqual([2, 1, 3]);
    const found = products.map((r) => (r instanceof Error ? r : r[0]));
    expect(found.every((p) => p && !(p instanceof Error))).toBe(true);
    const children = found.filter((p): p is StandardProduct => !(p instanceof Error) && p?.sku?.startsWith('MG-CFG-') === true);
    expect(children.every((p) => p.parentNativeId !== null)).toBe(true);

    rig.sim.server.clearLog();
    const levels = await rig.source.inventoryLevels(ctx, found as StandardProduct[]);
    // 100 SKUs × at most 3 sources ≤ 300 items: one source-items request.
    expect(rig.requests()).toBe(1);
    expect(rig.requests(SOURCE_ITEMS)).toBe(1);
    const first = levels[0];
    expect(Array.isArray(first) && first.map((l) => l.locationName)).toContain('Default Source');

    rig.sim.server.clearLog();
    await rig.source.productsBySkus(ctx, skus);
    await rig.source.inventoryLevels(ctx, found as StandardProduct[]);
    // Warm (directory and parent index cached): the minimum the API permits — products + source items.
    expect([rig.requests(PRODUCTS), rig.requests(SOURCE_ITEMS), rig.requests()]).toEqual([1, 1, 2]);
  });

  it('chunks a lookup larger than one page: ceil(n / 300) product requests, ceil(n / (300 / 3 sources)) source-item requests', async () => {
    const sellable = rig.sim.catalog.products.filter((p) => p.typeId !== 'configurable');
    const products = await rig.source.productsBySkus(ctx, sellable.map((p) => p.sku));
    expect(products.every((r) => Array.isArray(r) && r.length === 1)).toBe(true);
    expect(rig.requests(PRODUCTS)).toBe(Math.ceil(sellable.length / 300));
    rig.sim.server.clearLog();
    await rig.source.inventoryLevels(ctx, products.flatMap((r) => (Array.isArray(r) ? r : [])));
    expect(rig.requests(SOURCE_ITEMS)).toBe(Math.ceil(sellable.length / 100));
  });

  it('answers in key order, empty for unknown SKUs and configurable parents, matching SKUs case-insensitively', async () => {
    const result = await rig.source.productsBySkus(ctx, ['nope-1', 'sg-1003', 'MG-CFG-100', 'SG-1003']);
    expect(result.map((r) => (r instanceof Error ? 'error' : r.map((p) => p.sku)))).toEqual([[], ['SG-1003'], [], ['SG-1003']]);
  });

  it('finds products by native id in order, null for unknown or non-numeric ids', async () => {
    const a = rig.sim.catalog.findBySku('SG-1010');
    const result = await rig.source.productsByNativeIds(ctx, ['999999', String(a?.id), 'abc']);
    expect(result.map((r) => (r instanceof Error ? 'error' : (r?.sku ?? null)))).toEqual([null, 'SG-1010', null]);
  });

  it('lists every sellable SKU exactly once with a keyset cursor, one request per page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await rig.source.listProducts(ctx, { first: 300, after, filter: {}, includeInventoryLevels: false });
      pages++;
      seen.push(...page.products.map((p) => p.sku ?? ''));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    const sellable = rig.sim.catalog.products.filter((p) => p.typeId !== 'configurable').map((p) => p.sku);
    expect(seen.length).toBe(sellable.length);
    expect(new Set(seen)).toEqual(new Set(sellable));
    expect(pages).toBe(Math.ceil(sellable.length / 300));
    expect(rig.requests(PRODUCTS)).toBe(pages);
  });

  it('keeps paging stable when products are inserted before the cursor between pages', async () => {
    const first = await rig.source.listProducts(ctx, { first: 50, after: null, filter: {}, includeInventoryLevels: false });
    rig.sim.catalog.products.sort((a, b) => b.id - a.id); // the store's storage order changes; the cursor must not care
    const second = await rig.source.listProducts(ctx, { first: 50, after: first.endCursor, filter: {}, includeInventoryLevels: false });
    rig.sim.catalog.products.sort((a, b) => a.id - b.id);
    const ids = [...first.products, ...second.products].map((p) => Number(p.nativeId));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(100);
  });

  it('fetches the page’s levels in one extra request when the selection reads them', async () => {
    const page = await rig.source.listProducts(ctx, { first: 100, after: null, filter: {}, includeInventoryLevels: true });
    expect(page.products.every((p) => Array.isArray(p.inventoryLevels))).toBe(true);
    expect([rig.requests(PRODUCTS), rig.requests(SOURCE_ITEMS)]).toEqual([1, 1]);
  });

  it('counts with one pageSize=1 request and filters by status, text and updatedSince', async () => {
    const sellable = rig.sim.catalog.products.filter((p) => p.typeId !== 'configurable');
    expect(await rig.source.countProducts(ctx, {})).toBe(sellable.length);
    expect(rig.requests()).toBe(1);
    expect(rig.sim.server.requestLog[0]?.query).toContain('searchCriteria%5BpageSize%5D=1');
    expect(await rig.source.countProducts(ctx, { status: 'DRAFT' })).toBe(sellable.filter((p) => p.status === 2).length);
    expect(await rig.source.countProducts(ctx, { status: 'ARCHIVED' })).toBe(0);
    expect(await rig.source.countProducts(ctx, { query: 'sg-100' })).toBe(10);
    const cutoff = [...sellable].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))[100]?.updatedAt ?? '';
    expect(await rig.source.countProducts(ctx, { updatedSince: `${cutoff.replace(' ', 'T')}Z` })).toBe(sellable.filter((p) => p.updatedAt >= cutoff).length);
  });

  it('maps the simulator payloads: decimal prices, cost, barcode, status, unicode', async () => {
    const [result] = await rig.source.productsBySkus(ctx, ['SG-1007']);
    const product = Array.isArray(result) ? result[0] : undefined;
    const raw = rig.sim.catalog.findBySku('SG-1007');
    expect(product?.name).toBe(raw?.name);
    expect(product?.price.amount).toMatch(/^\d+\.\d{2,}$/);
    expect(product?.status).toBe(raw?.status === 2 ? 'DRAFT' : 'ACTIVE');
  });
});

describe('Magento source on a store without MSI', () => {
  let rig: MagentoKit;
  const ctx = testCallContext();

  beforeAll(async () => {
    rig = await startMagentoKit({ sim: { msi: false } });
  });
  afterAll(() => rig.close());

  it('detects legacy stock from the missing route and serves levels inline from stock_item', async () => {
    const [result] = await rig.source.productsBySkus(ctx, ['SG-1000']);
    const product = Array.isArray(result) ? result[0] : undefined;
    expect(product?.inventoryLevels).toEqual([expect.objectContaining({ locationName: 'Default Source', available: rig.sim.catalog.findBySku('SG-1000')?.legacyQty })]);
    rig.sim.server.clearLog();
    const levels = await rig.source.inventoryLevels(ctx, product ? [product] : []);
    expect(levels[0]).toEqual(product?.inventoryLevels);
    expect(rig.requests()).toBe(0);
  });
});

describe('Magento paging on a store that clamps pages past the end (before 2.4)', () => {
  it('stops on total_count, never asking for the repeated last page', async () => {
    const rig = await startMagentoKit({ sim: { outOfRangePages: 'last' }, config: { pageSize: 8 } });
    try {
      // A child (visibility 1) makes the source load the configurable-parent index: 16 parents, 2 pages of 8.
      const [result] = await rig.source.productsBySkus(testCallContext(), ['MG-CFG-100-S']);
      expect(Array.isArray(result) && result[0]?.parentNativeId).toBe(String(rig.sim.catalog.findBySku('MG-CFG-100')?.id));
      const parentPages = rig.sim.server.requestLog.filter((e) => e.operation === PRODUCTS && decodeURIComponent(e.query).includes('configurable'));
      expect(parentPages).toHaveLength(2);
    } finally {
      await rig.close();
    }
  });
});
