import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../../model/global-id.ts';
import { describeWooError } from './woocommerce-client.ts';
import { mapSimpleProduct, mapVariation, productAsVariation, variationName, type WooMappingContext } from './woocommerce-mapper.ts';
import { parseWooNativeId } from './woocommerce-native-id.ts';
import { wooParentSummarySchema, wooProductListSchema, wooProductSchema, wooVariationListSchema, wooVariationSchema } from './woocommerce-schemas.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/woocommerce/${name}`, import.meta.url), 'utf8'));

const ctx: WooMappingContext = { vendorId: 'acme-woo', currencyCode: 'USD', locationName: 'ACME Woo' };

/** The documented simple product 794 ("Premium Quality"). */
const docsProduct = () => fixture('product.retrieve.response.json') as Record<string, unknown>;

describe('WooCommerce mapper on the v3 docs examples', () => {
  it('maps the documented simple product with manage_stock false: untracked, no levels, price string kept', () => {
    const product = mapSimpleProduct(wooProductSchema.parse(docsProduct()), ctx);
    expect(product).toMatchObject({
      vendorId: 'acme-woo',
      nativeId: '794',
      sku: null, // the docs product has sku ""
      name: 'Premium Quality',
      parentNativeId: null,
      price: { amount: '21.99', currencyCode: 'USD' },
      cost: null,
      status: 'ACTIVE',
      barcode: null,
      inventoryTracked: false,
      updatedAt: '2017-03-23T20:01:14Z',
      inventoryLevels: [],
      inventoryRef: '794',
    });
    expect(decodeGlobalId(product.id)).toEqual({ kind: 'P', vendorId: 'acme-woo', nativeId: '794' });
  });

  it('parses the documented product list (a variable and a simple product)', () => {
    const list = wooProductListSchema.parse(fixture('products.list.response.json'));
    expect(list.map((item) => [item.id, item.type, item.price])).toEqual([
      [799, 'variable', ''],
      [794, 'simple', '21.99'],
    ]);
  });

  it('maps the documented variations under their parent: name from parent + option, empty SKU → null', () => {
    const parent = wooParentSummarySchema.parse({ id: 22, name: 'Ship Your Idea', status: 'publish' });
    const variations = wooVariationListSchema.parse(fixture('product-variations.list.response.json')).map((variation) => mapVariation(variation, parent, ctx));
    expect(variations.map((item) => [item.nativeId, item.name, item.sku, item.price.amount, item.parentNativeId, item.inventoryTracked])).toEqual([
      ['22:733', 'Ship Your Idea - Green', null, '9.00', '22', false],
      ['22:732', 'Ship Your Idea - Black', null, '9.00', '22', false],
    ]);
    expect(parseWooNativeId('22:733')).toEqual({ kind: 'variation', productId: 22, variationId: 733 });
  });

  it('gives a tracked variation its single stock level at the "default" location named after the site', () => {
    const raw = { ...(fixture('product-variation.retrieve.response.json') as object), sku: 'SHIP-BLK', manage_stock: true, stock_quantity: 7 };
    const product = mapVariation(wooVariationSchema.parse(raw), { id: 22, name: 'Ship Your Idea', status: 'publish' }, ctx);
    expect(product.inventoryTracked).toBe(true);
    expect(product.inventoryRef).toBe('22:732');
    expect(product.inventoryLevels).toHaveLength(1);
    const level = product.inventoryLevels?.[0];
    expect(level).toMatchObject({ productId: product.id, locationName: 'ACME Woo', available: 7, onHand: null, updatedAt: '2017-03-23T03:36:38Z' });
    expect(decodeGlobalId(level?.locationId ?? '')).toEqual({ kind: 'L', vendorId: 'acme-woo', nativeId: 'default' });
  });

  it('writes a parent-managed variation\'s stock to its parent', () => {
    const raw = { ...(fixture('product-variation.retrieve.response.json') as object), manage_stock: 'parent', stock_quantity: 3 };
    const product = mapVariation(wooVariationSchema.parse(raw), { id: 22, name: 'Ship Your Idea', status: 'publish' }, ctx);
    expect(product).toMatchObject({ inventoryTracked: true, inventoryRef: '22', nativeId: '22:732' });
  });

  it('keeps prices with many decimals exactly, and falls back to regular_price, then "0", when price is empty', () => {
    const manyDecimals = mapSimpleProduct(wooProductSchema.parse({ ...docsProduct(), price: '19.9950', regular_price: '24.123456' }), ctx);
    expect(manyDecimals.price.amount).toBe('19.9950');
    const unpriced = mapSimpleProduct(wooProductSchema.parse({ ...docsProduct(), price: '', regular_price: '', sale_price: '' }), ctx);
    expect(unpriced.price.amount).toBe('0');
    const regularOnly = mapSimpleProduct(wooProductSchema.parse({ ...docsProduct(), price: '', regular_price: '5.5' }), ctx);
    expect(regularOnly.price.amount).toBe('5.5');
  });

  it('rejects a price that is not a decimal string rather than guessing', () => {
    expect(wooProductSchema.safeParse({ ...docsProduct(), price: '21,99' }).success).toBe(false);
  });

  it('keeps unicode names untouched', () => {
    const product = mapSimpleProduct(wooProductSchema.parse({ ...docsProduct(), name: '日本茶 Matcha Set ☕ Größe' }), ctx);
    expect(product.name).toBe('日本茶 Matcha Set ☕ Größe');
  });

  it('maps draft, pending, private to DRAFT and trash to ARCHIVED; a variation inherits a non-published parent status', () => {
    const status = (value: string) => mapSimpleProduct(wooProductSchema.parse({ ...docsProduct(), status: value }), ctx).status;
    expect(['publish', 'draft', 'pending', 'private', 'trash'].map(status)).toEqual(['ACTIVE', 'DRAFT', 'DRAFT', 'DRAFT', 'ARCHIVED']);
    const variation = wooVariationSchema.parse(fixture('product-variation.retrieve.response.json'));
    expect(mapVariation(variation, { id: 22, name: 'X', status: 'draft' }, ctx).status).toBe('DRAFT');
    expect(mapVariation({ ...variation, status: 'private' }, { id: 22, name: 'X', status: 'publish' }, ctx).status).toBe('DRAFT');
  });

  it('names a variation found by SKU the same way as one listed under its parent', () => {
    const asProduct = wooProductSchema.parse({ ...docsProduct(), id: 732, type: 'variation', parent_id: 22, name: 'Ship Your Idea - Black', attributes: [{ id: 6, name: 'Color', option: 'Black' }] });
    const mapped = mapVariation(productAsVariation(asProduct), { id: 22, name: 'Ship Your Idea', status: 'publish' }, ctx);
    expect(mapped.name).toBe('Ship Your Idea - Black');
    expect(variationName('Tee - Black, M', [{ option: 'Black' }, { option: 'M' }])).toBe('Tee - Black, M');
  });

  it('describes the documented error bodies as "message (code)"', () => {
    expect(describeWooError(404, fixture('error.rest_no_route.json'))).toBe('No route was found matching the URL and request method (rest_no_route)');
    expect(describeWooError(404, fixture('error.woocommerce_rest_term_invalid.json'))).toBe("Resource doesn't exist. (woocommerce_rest_term_invalid)");
    expect(describeWooError(500, '<html>')).toBeUndefined();
  });

  it('reads stock and per-item errors from the documented batch answer shape', async () => {
    const { wooBatchResponseSchema } = await import('./woocommerce-schemas.ts');
    const batch = fixture('products.batch.response.json') as { update: unknown[] };
    const parsed = wooBatchResponseSchema.parse({ update: [...batch.update, { id: 5, error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 400 } } }] });
    expect(parsed.update.map((item) => ('error' in item ? item.error.code : item.id))).toEqual([799, 'woocommerce_rest_product_invalid_id']);
  });
});
