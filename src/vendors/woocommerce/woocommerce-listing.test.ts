import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testCallContext } from '../../../test/support/call-context.ts';
import { UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import type { WooPage, WooQuery } from './woocommerce-client.ts';
import { WooListing, type WooListingClient, type WooVariationReader } from './woocommerce-listing.ts';
import { parseWoo } from './woocommerce-parse.ts';
import { WOO_PRODUCT_FIELDS, wooProductSchema, wooVariationListSchema, type WooVariation } from './woocommerce-schemas.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/woocommerce/${name}`, import.meta.url), 'utf8'));

/** The documented variable product 799 (products.list.response.json) under another id, one variation each. */
function variableParent(id: number): Record<string, unknown> {
  const [docsVariable] = fixture('products.list.response.json') as Array<Record<string, unknown>>;
  return { ...docsVariable, id, sku: `PARENT-${String(id)}`, variations: [id * 10] };
}

/** The documented variation 733 as WooCommerce sends it, as parent `parentId`'s only one. */
function variationOf(parentId: number): unknown[] {
  const [docsVariation] = fixture('product-variations.list.response.json') as Array<Record<string, unknown>>;
  if (!docsVariation) throw new Error('fixture has no variation');
  return [{ ...docsVariation, id: parentId * 10, sku: `VAR-${String(parentId)}` }];
}

/** The reader's own validation (the listing's guarantee: a mismatching payload is a VALIDATION failure). */
const parseVariations = (fetched: readonly unknown[]): WooVariation[] => parseWoo(wooVariationListSchema, fetched, 'variations', 'acme-woo');

/**
 * A WooCommerce page of `parentIds`, and variation reads that answer only when the test says so.
 * `validated` records each validation of an answer with the number of variation requests sent by then (`1 after 2 requests`).
 */
function controlledShop(parentIds: readonly number[], answerOf: (parentId: number) => unknown[] = variationOf) {
  const started: number[] = [];
  const validated: string[] = [];
  const answer = new Map<number, () => void>();
  const client: WooListingClient = {
    get: (): Promise<WooPage> => Promise.resolve({ body: parentIds.map(variableParent), total: parentIds.length, totalPages: 1 }),
    getAll: () => Promise.reject(new Error('a listing page reads no collection')),
  };
  const reader: WooVariationReader = {
    fetchVariations: (_ctx, parentId) => {
      started.push(parentId);
      return new Promise((resolve) => answer.set(parentId, () => resolve(answerOf(parentId))));
    },
    parseVariations: (fetched) => {
      const [first] = fetched as Array<{ id?: unknown }>;
      validated.push(`${String(Number(first?.id) / 10)} after ${String(started.length)} requests`);
      return parseVariations(fetched);
    },
  };
  const respond = (parentId: number) => {
    const reply = answer.get(parentId);
    if (!reply) throw new Error(`variations of ${String(parentId)} were not requested`);
    reply();
  };
  return { client, reader, started, validated, respond };
}

/** Lets every promise callback that is ready run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WooCommerce listing: variation lists of one page', () => {
  const mapping = { vendorId: 'acme-woo', currencyCode: 'USD', locationName: 'ACME Woo' };

  it('start `lanes` at once, and the next parent starts when any of them answers, not only the lane it was dealt to', async () => {
    const shop = controlledShop([1, 2, 3, 4]);
    const listing = new WooListing(shop.client, shop.reader, mapping, 2);
    const page = listing.list(testCallContext(), { first: 10, after: null, filter: {}, includeInventoryLevels: true });
    await settle();
    expect(shop.started).toEqual([1, 2]);

    // Parent 1 is slow; parent 2's answer frees a lane, so parent 3 starts while 1 is still open.
    shop.respond(2);
    await settle();
    expect(shop.started).toEqual([1, 2, 3]);
    shop.respond(3);
    await settle();
    expect(shop.started).toEqual([1, 2, 3, 4]);

    shop.respond(4);
    shop.respond(1);
    const result = await page;
    expect(result.products.map((product) => product.sku)).toEqual(['VAR-1', 'VAR-2', 'VAR-3', 'VAR-4']);
  });

  it('never has more than `lanes` variation lists open at once', async () => {
    const shop = controlledShop([1, 2, 3, 4, 5]);
    const listing = new WooListing(shop.client, shop.reader, mapping, 3);
    const page = listing.list(testCallContext(), { first: 10, after: null, filter: {}, includeInventoryLevels: true });
    for (const parentId of [1, 2, 3, 4, 5]) {
      await settle();
      const answered = parentId - 1;
      expect(shop.started.length - answered).toBeLessThanOrEqual(3);
      shop.respond(parentId);
    }
    expect((await page).products).toHaveLength(5);
  });

  it('sends the next parent\'s request as soon as an answer arrives, before that answer is validated and mapped', async () => {
    const shop = controlledShop([1, 2, 3]);
    const listing = new WooListing(shop.client, shop.reader, mapping, 1);
    const page = listing.list(testCallContext(), { first: 10, after: null, filter: {}, includeInventoryLevels: true });
    await settle();
    shop.respond(1);
    await settle();
    await settle();
    shop.respond(2);
    await settle();
    await settle();
    shop.respond(3);
    const result = await page;
    // One lane: each hand-off puts the next parent's request out before the answer that freed the lane is checked.
    expect(shop.validated).toEqual(['1 after 2 requests', '2 after 3 requests', '3 after 3 requests']);
    expect(result.products.map((product) => product.sku)).toEqual(['VAR-1', 'VAR-2', 'VAR-3']);
  });

  it('reads each variable parent\'s variations exactly once, whatever the number of lanes', async () => {
    for (const lanes of [1, 2, 16]) {
      const shop = controlledShop([1, 2, 3, 4, 5]);
      const page = new WooListing(shop.client, shop.reader, mapping, lanes).list(testCallContext(), { first: 10, after: null, filter: {}, includeInventoryLevels: true });
      for (const parentId of [1, 2, 3, 4, 5]) {
        await settle();
        shop.respond(parentId);
      }
      expect((await page).products).toHaveLength(5);
      expect(shop.started).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('still refuses variations that do not match the documented shape after the lane moved on (VALIDATION, a VENDOR_ERROR to clients)', async () => {
    const shop = controlledShop([1, 2], (parentId) => (parentId === 1 ? [{ id: 10, sku: 'VAR-1' }] : variationOf(parentId)));
    const page = new WooListing(shop.client, shop.reader, mapping, 1).list(testCallContext(), { first: 10, after: null, filter: {}, includeInventoryLevels: true });
    await settle();
    shop.respond(1);
    await settle();
    shop.respond(2);
    const failure = await page.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).errorClass).toBe(UpstreamErrorClass.VALIDATION);
    expect(shop.started).toEqual([1, 2]);
  });

  describe('what the page read asks for', () => {
    /**
     * The documented product list (variable 799, given one variation, and simple 794) as WordPress
     * answers `query`, `_fields` applied unless `honourFields` is off.
     */
    function docsShop(edit: (product: Record<string, unknown>) => Record<string, unknown> = (product) => product, honourFields = true) {
      const queries: WooQuery[] = [];
      const client: WooListingClient = {
        get: (_ctx, _path, query) => {
          queries.push(query);
          const fields = honourFields && typeof query._fields === 'string' ? query._fields.split(',') : null;
          const products = (fixture('products.list.response.json') as Array<Record<string, unknown>>)
            .map((product) => (product.type === 'variable' ? { ...product, variations: [Number(product.id) * 10] } : product))
            .map(edit);
          const body = products.map((product) => (fields ? Object.fromEntries(Object.entries(product).filter(([key]) => fields.includes(key))) : product));
          return Promise.resolve({ body, total: body.length, totalPages: 1 });
        },
        getAll: () => Promise.reject(new Error('a listing page reads no collection')),
      };
      const reader: WooVariationReader = { fetchVariations: (_ctx, parentId) => Promise.resolve(variationOf(parentId)), parseVariations };
      return { listing: new WooListing(client, reader, mapping, 4), queries };
    }
    const request = { first: 10, after: null, filter: {}, includeInventoryLevels: true };

    it('only the fields the product schema reads (WordPress `_fields`), and maps the trimmed page in full', async () => {
      const shop = docsShop();
      const page = await shop.listing.list(testCallContext(), request);
      expect(shop.queries.map((query) => query._fields)).toEqual([WOO_PRODUCT_FIELDS]);
      expect(WOO_PRODUCT_FIELDS.split(',').sort()).toEqual(Object.keys(wooProductSchema.shape).sort());
      // The same page as a site that ignored `_fields` answers it: nothing the mapping uses went missing.
      const full = await docsShop(undefined, false).listing.list(testCallContext(), request);
      expect(page.products.map((product) => product.nativeId)).toEqual(['799:7990', '794']);
      expect(page.products).toEqual(full.products);
    });

    it('still refuses a product without a field it reads, naming it (VALIDATION, a VENDOR_ERROR to clients)', async () => {
      const shop = docsShop(({ stock_quantity: _dropped, ...rest }) => rest);
      const failure = await shop.listing.list(testCallContext(), request).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UpstreamError);
      expect((failure as UpstreamError).errorClass).toBe(UpstreamErrorClass.VALIDATION);
      expect((failure as UpstreamError).message).toContain('0.stock_quantity');
    });
  });
});
