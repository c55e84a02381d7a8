/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are read loosely, then parsed with the zod schemas */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../../model/global-id.ts';
import { mapLevel, mapVariant } from './shopify-mapper.ts';
import { inventoryLevelNodeSchema, productVariantNodeSchema } from './shopify-schemas.ts';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../../test/fixtures/shopify/${name}`, import.meta.url), 'utf8'));
const VENDOR = 'acme-shopify';

describe('mapVariant (derived from shopify.dev example payloads)', () => {
  const element = productVariantNodeSchema.parse(fixture('derived.variant-node.element-151.json'));

  it('maps a variant to one standard product', () => {
    const product = mapVariant(VENDOR, element, 'CAD');
    expect(product).toMatchObject({
      vendorId: VENDOR,
      nativeId: 'gid://shopify/ProductVariant/30322695',
      sku: 'element-151',
      name: 'Element - 151cm',
      parentNativeId: 'gid://shopify/Product/20995642',
      price: { amount: '449.99', currencyCode: 'CAD' },
      cost: { amount: '215.0', currencyCode: 'CAD' },
      status: 'ACTIVE',
      barcode: null,
      inventoryTracked: true,
      updatedAt: '2025-07-15T18:04:11Z',
      inventoryRef: 'gid://shopify/InventoryItem/30322695',
    });
    expect(decodeGlobalId(product.id)).toEqual({ kind: 'P', vendorId: VENDOR, nativeId: 'gid://shopify/ProductVariant/30322695' });
  });

  it('maps levels at several locations with available and on_hand from the named quantities', () => {
    const product = mapVariant(VENDOR, element, 'CAD');
    expect(product.inventoryLevels?.map((level) => [level.locationName, level.available, level.onHand])).toEqual([
      ['Ottawa Store', 2, 33],
      ['Ottawa Warehouse', 11, 11],
    ]);
    const [first] = product.inventoryLevels ?? [];
    expect(first?.productId).toBe(product.id);
    expect(decodeGlobalId(first?.locationId ?? '')).toMatchObject({ kind: 'L', nativeId: 'gid://shopify/Location/346779380' });
    expect(decodeGlobalId(first?.id ?? '').nativeId).toBe('gid://shopify/ProductVariant/30322695@gid://shopify/Location/346779380');
  });

  it('keeps a null SKU null, drops "Default Title" from the name, maps untracked items, DRAFT and no cost', () => {
    const product = mapVariant(VENDOR, productVariantNodeSchema.parse(fixture('derived.variant-node.default-title-null-sku-untracked.json')), 'CAD');
    expect(product).toMatchObject({ sku: null, name: 'Element', inventoryTracked: false, status: 'DRAFT', cost: null, barcode: null });
    expect(product.inventoryLevels).toBeUndefined();
  });

  it('turns an empty-string SKU into null', () => {
    const product = mapVariant(VENDOR, { ...element, sku: '  ' }, 'CAD');
    expect(product.sku).toBeNull();
  });
});

describe('mapLevel (verbatim shopify.dev payloads)', () => {
  const owner = { id: 'owner-global-id', nativeId: 'gid://shopify/ProductVariant/30322695' };

  it('maps queries/inventoryLevel (all 8 quantity names, no updatedAt selected)', () => {
    const level = mapLevel(VENDOR, owner, inventoryLevelNodeSchema.parse(fixture('query-inventoryLevel.response.json').inventoryLevel));
    expect(level).toMatchObject({ productId: 'owner-global-id', locationName: 'Ottawa Store', available: 2, onHand: 33, updatedAt: null });
  });

  it('maps the level edge of queries/inventoryItem "levels and variant"', () => {
    const node = fixture('query-inventoryItem.levels-and-variant.response.json').inventoryItem.inventoryLevels.edges[0].node;
    expect(mapLevel(VENDOR, owner, inventoryLevelNodeSchema.parse(node))).toMatchObject({ available: 2, onHand: 33, locationName: 'Ottawa Store' });
  });

  it('reads onHand as null when on_hand was not returned', () => {
    const node = { id: 'gid://shopify/InventoryLevel/1?inventory_item_id=2', location: { id: 'gid://shopify/Location/3', name: 'X' }, quantities: [{ name: 'available', quantity: 4 }] };
    expect(mapLevel(VENDOR, owner, node)).toMatchObject({ available: 4, onHand: null });
  });
});
