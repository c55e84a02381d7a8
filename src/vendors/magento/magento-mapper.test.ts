import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../../model/global-id.ts';
import { isoToMagentoTimestamp, isSellable, mapProduct, mapSourceItemLevels, magentoTimestampToIso, type MagentoMappingContext } from './magento-mapper.ts';
import { magentoProductSchema, magentoSearchResultsSchema, magentoSourceItemSchema, magentoSourceSchema } from './magento-schemas.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/magento/${name}`, import.meta.url), 'utf8'));

const ctx: MagentoMappingContext = {
  vendorId: 'acme-magento',
  currencyCode: 'USD',
  barcodeAttributes: ['barcode', 'ean', 'gtin', 'upc'],
  parentNativeId: null,
  inlineLegacyStock: false,
};

const searchResults = magentoSearchResultsSchema.parse(fixture('product.search.derived.json'));
const products = searchResults.items.map((item) => magentoProductSchema.parse(item));
const bySku = (sku: string) => {
  const product = products.find((p) => p.sku === sku);
  if (!product) throw new Error(`fixture lacks ${sku}`);
  return product;
};

describe('mapProduct on the docs product (product.create-simple.response.json)', () => {
  const product = magentoProductSchema.parse(fixture('product.create-simple.response.json'));

  it('maps the simple product to one sellable SKU', () => {
    const mapped = mapProduct(product, ctx);
    expect(mapped).toMatchObject({
      vendorId: 'acme-magento',
      nativeId: '2079',
      sku: 'MS-Champ-S',
      name: 'Champ Tee Small',
      parentNativeId: null,
      price: { amount: '25.00', currencyCode: 'USD' },
      cost: null,
      status: 'ACTIVE',
      barcode: null,
      inventoryTracked: true,
      updatedAt: '2017-11-29T20:40:07Z',
      inventoryRef: 'MS-Champ-S',
    });
    expect(decodeGlobalId(mapped.id)).toEqual({ kind: 'P', vendorId: 'acme-magento', nativeId: '2079' });
    expect(mapped.inventoryLevels).toBeUndefined();
  });

  it('with MSI off, turns the legacy stock_item into the one level at the default source', () => {
    const mapped = mapProduct(product, { ...ctx, inlineLegacyStock: true });
    expect(mapped.inventoryLevels).toHaveLength(1);
    expect(mapped.inventoryLevels?.[0]).toMatchObject({ productId: mapped.id, locationName: 'Default Source', available: 10, onHand: 10 });
    expect(decodeGlobalId(mapped.inventoryLevels?.[0]?.locationId ?? '')).toMatchObject({ kind: 'L', nativeId: 'default' });
  });
});

describe('mapProduct on derived payloads (see SOURCE.md)', () => {
  it('marks disabled products DRAFT, keeps many-decimal prices exact and reads cost from custom_attributes', () => {
    expect(mapProduct(bySku('MS-Champ-M'), ctx)).toMatchObject({
      status: 'DRAFT',
      price: { amount: '12.3456', currencyCode: 'USD' },
      cost: { amount: '7.50', currencyCode: 'USD' },
    });
  });

  it('keeps unicode names, cents, the barcode attribute and manage_stock false', () => {
    expect(mapProduct(bySku('MS-Café-L'), ctx)).toMatchObject({
      name: 'Café Crème Tee Größe L ☕',
      sku: 'MS-Café-L',
      price: { amount: '19.99' },
      barcode: '4006381333931',
      inventoryTracked: false,
    });
  });

  it('formats 0.1 without float artefacts and carries the parent given by the caller', () => {
    expect(mapProduct(bySku('GIFT-WRAP'), { ...ctx, parentNativeId: '2078' })).toMatchObject({ price: { amount: '0.10' }, parentNativeId: '2078' });
  });

  it('treats simple and virtual products as SKUs and configurable parents as groups only', () => {
    expect(products.map((p) => [p.sku, isSellable(p)])).toEqual([
      ['MS-Champ', false],
      ['MS-Champ-S', true],
      ['MS-Champ-M', true],
      ['MS-Café-L', true],
      ['GIFT-WRAP', true],
    ]);
    expect(bySku('MS-Champ').extension_attributes?.configurable_product_links).toEqual([2079, 2080, 2081]);
  });
});

describe('mapSourceItemLevels', () => {
  const sourceNames = new Map(
    (fixture('inventory.sources.search.response.json') as { items: unknown[] }).items.map((item) => {
      const source = magentoSourceSchema.parse(item);
      return [source.source_code, source.name] as const;
    }),
  );
  const items = magentoSearchResultsSchema.parse(fixture('inventory.source-items.search.three-sources.derived.json')).items.map((item) => magentoSourceItemSchema.parse(item));
  const product = { id: 'P1', nativeId: '42' };

  it('gives one level per MSI source, named from /V1/inventory/sources, including a zero at a source', () => {
    const levels = mapSourceItemLevels('acme-magento', product, items, sourceNames);
    expect(levels.map((l) => [l.locationName, l.available, l.onHand])).toEqual([
      ['Central Shipping Center', 500, 500],
      ['Eastern Shipping Center', 250, 250],
      ['Default Source', 0, 0],
    ]);
    expect(new Set(levels.map((l) => l.id)).size).toBe(3);
    expect(decodeGlobalId(levels[1]?.id ?? '')).toMatchObject({ kind: 'I', nativeId: '42@east' });
  });

  it('falls back to the source code when the source is unknown', () => {
    expect(mapSourceItemLevels('v', product, items.slice(0, 1), new Map())[0]?.locationName).toBe('central');
  });
});

describe('timestamps', () => {
  it('converts Magento UTC "YYYY-MM-DD HH:MM:SS" to ISO and back', () => {
    expect(magentoTimestampToIso('2017-11-29 20:40:07')).toBe('2017-11-29T20:40:07Z');
    expect(isoToMagentoTimestamp('2017-11-29T21:40:07+01:00')).toBe('2017-11-29 20:40:07');
    expect(magentoTimestampToIso('yesterday')).toBeNull();
  });
});
