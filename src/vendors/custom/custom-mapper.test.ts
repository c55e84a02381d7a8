import { describe, expect, it } from 'vitest';
import dropshipBatch from '../../../test/fixtures/custom/dropship-batch.response.json' with { type: 'json' };
import legacyItem from '../../../test/fixtures/custom/legacy-feed-item.json' with { type: 'json' };
import { decodeGlobalId } from '../../model/global-id.ts';
import { demoCustomVendorConfig } from '../../sandbox/custom/custom-sim-demo-config.ts';
import { customFieldsSchema, type CustomFields } from '../../config/vendors/custom/custom-fields-config.ts';
import { mapCustomItem, type MapOutcome } from './custom-mapper.ts';

const dropshipFields = customFieldsSchema.parse(demoCustomVendorConfig('http://127.0.0.1:1', 'KEY').mapping.fields);

/** A very different feed, mapped by configuration alone. */
const legacyFields = customFieldsSchema.parse({
  id: 'product.ref',
  sku: 'product.code',
  name: 'product.labels.display',
  price: 'product.price_cents',
  cost: 'product.cost_cents',
  currency: { fixed: 'NOK' },
  amountFormat: 'minorUnits',
  status: { path: 'product.visible', map: { true: 'ACTIVE', false: 'DRAFT' } },
  tracked: true,
  updatedAt: 'product.modified',
  inventory: { kind: 'quantity', path: 'product.inventory.qty', locationId: 'main', locationName: 'Main warehouse' },
});

function mapped(outcome: MapOutcome) {
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.product;
}

function problem(raw: unknown, fields: CustomFields = dropshipFields): string {
  const outcome = mapCustomItem(raw, fields, 'dropship');
  if (outcome.ok) throw new Error('expected a mapping problem');
  return outcome.problem;
}

const [threeWarehouses, noSku, untracked] = dropshipBatch.data as [DropshipItemJson, DropshipItemJson, DropshipItemJson];
type DropshipItemJson = (typeof dropshipBatch.data)[number];
const clone = <T>(value: T): T => structuredClone(value);

describe('mapCustomItem with the Dropship Co mapping', () => {
  it('maps an item with per-warehouse stock', () => {
    const product = mapped(mapCustomItem(threeWarehouses, dropshipFields, 'dropship'));
    expect(product).toMatchObject({
      vendorId: 'dropship',
      nativeId: 'DS-10003',
      sku: 'DS-5002',
      name: 'Everyday Sneaker',
      parentNativeId: null,
      price: { amount: '67.99', currencyCode: 'EUR' },
      cost: { amount: '37.39', currencyCode: 'EUR' },
      status: 'ACTIVE',
      barcode: null,
      inventoryTracked: true,
      updatedAt: '2026-05-31T08:01:25.000Z',
      inventoryRef: 'DS-10003',
    });
    expect(decodeGlobalId(product.id)).toEqual({ kind: 'P', vendorId: 'dropship', nativeId: 'DS-10003' });
    expect(product.inventoryLevels?.map((l) => [decodeGlobalId(l.locationId).nativeId, l.locationName, l.available, l.onHand])).toEqual([
      ['rtm', 'Rotterdam', 52, 55],
      ['lyn', 'Lyon', 48, 51],
      ['lod', 'Łódź Hub', 66, 66],
    ]);
    expect(decodeGlobalId(product.inventoryLevels?.[1]?.id ?? '').nativeId).toBe('DS-10003@lyn');
    expect(product.inventoryLevels?.every((l) => l.productId === product.id)).toBe(true);
  });

  it('maps a missing SKU to null and an untracked item to no levels', () => {
    expect(mapped(mapCustomItem(noSku, dropshipFields, 'dropship')).sku).toBeNull();
    const product = mapped(mapCustomItem(untracked, dropshipFields, 'dropship'));
    expect(product).toMatchObject({ inventoryTracked: false, status: 'ACTIVE', inventoryLevels: [] });
  });

  it('maps vendor status values through the status map', () => {
    const draft = { ...clone(threeWarehouses), status: 'draft' };
    const retired = { ...clone(threeWarehouses), status: 'retired' };
    expect(mapped(mapCustomItem(draft, dropshipFields, 'dropship')).status).toBe('DRAFT');
    expect(mapped(mapCustomItem(retired, dropshipFields, 'dropship')).status).toBe('ARCHIVED');
  });

  it('renders numeric prices as decimal strings without float artefacts', () => {
    const item = clone(threeWarehouses) as unknown as { pricing: Record<string, unknown> };
    item.pricing.amount = 0.1;
    item.pricing.wholesale = 1e-7;
    const product = mapped(mapCustomItem(item, dropshipFields, 'dropship'));
    expect(product.price.amount).toBe('0.1');
    expect(product.cost?.amount).toBe('0.0000001');
  });

  it('names the field and path of a missing required value', () => {
    const noPrice = clone(threeWarehouses) as unknown as { pricing: Record<string, unknown> };
    delete noPrice.pricing.amount;
    expect(problem(noPrice)).toBe('fields.price: no value at "pricing.amount"');
    expect(problem({ ...clone(threeWarehouses), title: '' })).toBe('fields.name: no value at "title"');
    expect(problem({ ...clone(threeWarehouses), id: null })).toBe('fields.id: no value at "id"');
    expect(problem({ ...clone(threeWarehouses), pricing: { amount: '1.00' } })).toBe('fields.currency: no value at "pricing.currency"');
  });

  it('names the field, path and value of an ill-typed value', () => {
    expect(problem({ ...clone(threeWarehouses), pricing: { amount: '12,50', currency: 'EUR' } })).toBe('fields.price: "12,50" at "pricing.amount" is not a decimal amount');
    expect(problem({ ...clone(threeWarehouses), status: 'paused' })).toBe(
      'fields.status: value "paused" at "status" is not in fields.status.map; add it to the map or set fields.status.default',
    );
    expect(problem({ ...clone(threeWarehouses), stock: { rtm: 3 } })).toBe('fields.inventory.path: {"rtm":3} at "stock" is not an array of per-location entries');
    const badQty = clone(threeWarehouses);
    (badQty.stock[1] as { available: unknown }).available = 'lots';
    expect(problem(badQty)).toBe('fields.inventory.available (in stock[1]): "lots" at "available" is not a whole number');
    expect(problem({ ...clone(threeWarehouses), title: { en: 'x' } })).toBe('fields.name: {"en":"x"} at "title" is not a string');
  });

  it('keeps the native id of an item that fails to map, so the error lands in its slot', () => {
    const outcome = mapCustomItem({ ...clone(threeWarehouses), pricing: {} }, dropshipFields, 'dropship');
    expect(outcome).toMatchObject({ ok: false, nativeId: 'DS-10003' });
  });
});

describe('mapCustomItem with another feed shape', () => {
  it('maps numeric ids, minor units, a fixed currency, boolean status keys, epoch seconds and a single quantity', () => {
    const product = mapped(mapCustomItem(legacyItem, legacyFields, 'legacy'));
    expect(product).toMatchObject({
      nativeId: '88121',
      sku: 'LF-88121',
      name: 'Tørrestativ Ø60 – Küchen-Edition',
      price: { amount: '1299.00', currencyCode: 'NOK' },
      cost: { amount: '701.50', currencyCode: 'NOK' },
      status: 'ACTIVE',
      updatedAt: '2026-08-05T12:00:00.000Z',
    });
    expect(product.inventoryLevels).toEqual([
      expect.objectContaining({ locationName: 'Main warehouse', available: 17, onHand: null }),
    ]);
    expect(decodeGlobalId(product.inventoryLevels?.[0]?.locationId ?? '').nativeId).toBe('main');
  });

  it('treats an item without a quantity as having no level', () => {
    const item = clone(legacyItem) as unknown as { product: Record<string, unknown> };
    delete item.product.inventory;
    expect(mapped(mapCustomItem(item, legacyFields, 'legacy')).inventoryLevels).toEqual([]);
  });

  it('uses the status default for an unmapped value when one is set', () => {
    const fields = customFieldsSchema.parse({ ...legacyFields, status: { path: 'product.visible', map: { true: 'ACTIVE' }, default: 'DRAFT' } });
    const item = clone(legacyItem);
    item.product.visible = false;
    expect(mapped(mapCustomItem(item, fields, 'legacy')).status).toBe('DRAFT');
  });
});
