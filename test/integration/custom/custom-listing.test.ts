import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import { DROPSHIP_CATALOG_SIZE } from '../../../src/sandbox/custom/custom-sim-catalog.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';
import { testCallContext } from '../../support/call-context.ts';
import { LIST_VARIANTS, startCustomKit, type CustomKit } from './custom-test-kit.ts';

let harness: CustomKit | undefined;
afterEach(async () => {
  await harness?.sim.close();
  harness = undefined;
});

async function listAll(source: VendorSource, first: number | ((page: number) => number), filter = {}): Promise<StandardProduct[]> {
  const products: StandardProduct[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const size = typeof first === 'number' ? first : first(page);
    const result = await source.listProducts(testCallContext(), { first: size, after, filter, includeInventoryLevels: true });
    expect(result.products.length).toBeLessThanOrEqual(size);
    products.push(...result.products);
    if (!result.hasNextPage) return products;
    after = result.endCursor;
  }
  throw new Error('listing did not end');
}

describe.each(Object.keys(LIST_VARIANTS) as Array<keyof typeof LIST_VARIANTS>)('full listing, %s pagination', (style) => {
  it('returns every item exactly once, in one request per page of 40', async () => {
    harness = await startCustomKit({ list: LIST_VARIANTS[style] });
    const products = await listAll(harness.source, 40);
    expect(products.map((p) => p.nativeId)).toEqual(harness.sim.catalog.map((item) => item.id));
    expect(harness.sim.server.count()).toBe(Math.ceil(DROPSHIP_CATALOG_SIZE / 40));
  });

  it('keeps cursors stable when the page size changes between calls', async () => {
    harness = await startCustomKit({ list: LIST_VARIANTS[style] });
    const sizes = [7, 30, 3, 50, 11, 100];
    const products = await listAll(harness.source, (page) => sizes[page % sizes.length] ?? 10);
    const ids = products.map((p) => p.nativeId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(harness.sim.catalog.map((item) => item.id));
  });

  it('counts from the total in one request asking for one item', async () => {
    harness = await startCustomKit({ list: LIST_VARIANTS[style] });
    expect(await harness.source.countProducts(testCallContext(), {})).toBe(DROPSHIP_CATALOG_SIZE);
    expect(harness.sim.server.count()).toBe(1);
  });

  it('passes the status filter to the vendor', async () => {
    harness = await startCustomKit({ list: LIST_VARIANTS[style] });
    const drafts = await listAll(harness.source, 100, { status: 'DRAFT' });
    const expected = harness.sim.catalog.filter((item) => item.status === 'draft').map((item) => item.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(drafts.map((p) => p.nativeId)).toEqual(expected);
    expect(drafts.every((p) => p.status === 'DRAFT')).toBe(true);
  });
});

describe('listing details', () => {
  it('maps prices as decimal strings with their currency, per-warehouse levels inline, unicode names intact', async () => {
    harness = await startCustomKit();
    const page = await harness.source.listProducts(testCallContext(), { first: 100, after: null, filter: {}, includeInventoryLevels: true });
    const first = page.products[0];
    const item = harness.sim.catalog[0];
    expect(first).toMatchObject({ nativeId: item?.id, sku: item?.sku, price: { amount: item?.pricing.amount, currencyCode: 'EUR' } });
    expect(first?.inventoryLevels?.map((l) => l.available)).toEqual(item?.stock.map((s) => s.available));
    expect(page.products.some((p) => p.price.currencyCode === 'GBP')).toBe(true);
    expect(page.products.some((p) => p.sku === null)).toBe(true);
    expect(page.products.some((p) => p.name === 'Größe Wanderjacke')).toBe(true);
  });

  it('filters locally when the mapping names no filter parameter, and counts by walking', async () => {
    harness = await startCustomKit({ edit: (doc) => ({ ...doc, mapping: { ...doc.mapping, list: { ...doc.mapping.list, filters: undefined } } }) });
    const ctx = testCallContext();
    const expected = harness.sim.catalog.filter((item) => item.status === 'retired').length;
    expect(await harness.source.countProducts(ctx, { status: 'ARCHIVED' })).toBe(expected);
    expect(harness.sim.server.count()).toBe(Math.ceil(DROPSHIP_CATALOG_SIZE / 100));
    expect(harness.sim.server.requestLog.every((entry) => !entry.query.includes('status='))).toBe(true);
  });

  it('rejects a cursor from elsewhere as bad user input', async () => {
    harness = await startCustomKit();
    await expect(harness.source.listProducts(testCallContext(), { first: 5, after: 'bm9wZQ', filter: {}, includeInventoryLevels: false })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
    });
  });

  it('answers a wrong API key with a VENDOR_REJECTED authentication error carrying the vendor message', async () => {
    harness = await startCustomKit({ apiKey: 'wrong-key' });
    const error = await harness.source.listProducts(testCallContext(), { first: 5, after: null, filter: {}, includeInventoryLevels: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: ErrorCode.VENDOR_REJECTED, errorClass: UpstreamErrorClass.AUTHENTICATION, status: 401, retryable: false });
    expect((error as Error).message).toBe('dropship: Missing or invalid X-Api-Key header');
    expect((error as Error).message).not.toContain('wrong-key');
  });

  it('answers an item that lacks a required field with VENDOR_ERROR naming the field path', async () => {
    harness = await startCustomKit();
    const broken = harness.sim.catalog[2] as unknown as { pricing: Record<string, unknown> };
    delete broken.pricing.amount;
    const error = await harness.source.listProducts(testCallContext(), { first: 10, after: null, filter: {}, includeInventoryLevels: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.VENDOR_ERROR });
    expect((error as Error).message).toBe('dropship: item DS-10003 does not match the mapping: fields.price: no value at "pricing.amount"');
  });
});

describe('query-parameter auth', () => {
  it('sends the key on every call but never puts it in a cursor (link style)', async () => {
    harness = await startCustomKit({
      list: LIST_VARIANTS.link,
      edit: (doc) => ({ ...doc, auth: { type: 'query', param: 'api_key', value: doc.auth.value } }),
    });
    const ctx = testCallContext();
    const first = await harness.source.listProducts(ctx, { first: 60, after: null, filter: {}, includeInventoryLevels: false });
    const cursorText = Buffer.from(first.endCursor ?? '', 'base64url').toString('utf8');
    expect(cursorText).toContain('page_token');
    expect(cursorText).not.toContain(harness.sim.apiKey);
    const second = await harness.source.listProducts(ctx, { first: 60, after: first.endCursor, filter: {}, includeInventoryLevels: false });
    expect(second.products[0]?.nativeId).toBe('DS-10061');
    expect(harness.sim.server.requestLog.every((entry) => entry.query.includes(`api_key=${harness?.sim.apiKey}`))).toBe(true);
  });
});

describe('link cursors', () => {
  it('refuses a crafted cursor that leads away from the list path, sending nothing', async () => {
    harness = await startCustomKit({ list: LIST_VARIANTS.link });
    const crafted = Buffer.from(JSON.stringify({ token: '/api/v1/products/DS-10001', skip: 0 }), 'utf8').toString('base64url');
    await expect(harness.source.listProducts(testCallContext(), { first: 5, after: crafted, filter: {}, includeInventoryLevels: false })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
    });
    expect(harness.sim.server.count()).toBe(0);
  });
});
