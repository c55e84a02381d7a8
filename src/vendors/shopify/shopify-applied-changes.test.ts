/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are read loosely, then parsed with the zod schemas */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { InventoryLevel, StandardProduct } from '../../model/standard-model.ts';
import { appliedResults, type SentEntry } from './shopify-applied-changes.ts';
import { inventoryMutationPayloadSchema } from './shopify-schemas.ts';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../../test/fixtures/shopify/${name}`, import.meta.url), 'utf8'));
const logger = pino({ level: 'silent' });
const product = { id: 'P1', vendorId: 'acme-shopify', nativeId: 'gid://shopify/ProductVariant/30322695', inventoryRef: 'gid://shopify/InventoryItem/30322695' } as StandardProduct;
const location = 'gid://shopify/Location/124656943';
const known: InventoryLevel = { id: 'L', productId: 'P1', locationId: 'X', locationName: 'Ottawa Store', available: 10, onHand: 12, updatedAt: null };

describe('appliedResults on shopify.dev\'s own answers (no quantityAfterChange)', () => {
  it('adjust −4 sent with changeFromQuantity 10: before 10, after 6, level filled (on hand 12 → 8)', () => {
    const payload = inventoryMutationPayloadSchema.parse(fixture('mutation-inventoryAdjustQuantities.response.json').inventoryAdjustQuantities);
    const entry: SentEntry = { index: 0, change: { product, locationNativeId: location, mode: 'adjust', delta: -4 }, changeFrom: 10, known };
    const result = appliedResults('acme-shopify', [entry], payload, logger).get(0);
    expect(result).toMatchObject({ status: 'APPLIED', before: 10, after: 6, error: null });
    expect(result?.level).toMatchObject({ productId: 'P1', available: 6, onHand: 8, locationName: 'Ottawa Store' });
  });

  it('set to 11 answered with quantityAfterChange null and no item/location: after 11 proven, before unknown rather than guessed', () => {
    const payload = inventoryMutationPayloadSchema.parse(fixture('mutation-inventorySetQuantities.cas.response.json').inventorySetQuantities);
    const entry: SentEntry = { index: 0, change: { product, locationNativeId: location, mode: 'set', quantity: 11, compareQuantity: 1 }, changeFrom: 1, known };
    const result = appliedResults('acme-shopify', [entry], payload, logger).get(0);
    expect(result).toMatchObject({ status: 'APPLIED', before: null, after: 11 });
    expect(result?.level?.available).toBe(11);
  });

  it('keeps the proven value when a populated quantityAfterChange disagrees', () => {
    const payload = inventoryMutationPayloadSchema.parse({
      inventoryAdjustmentGroup: { createdAt: '2026-11-01T00:00:00Z', changes: [{ name: 'available', delta: 3, quantityAfterChange: 99, item: { id: product.inventoryRef }, location: { id: location, name: 'Ottawa Store' } }] },
      userErrors: [],
    });
    const entry: SentEntry = { index: 0, change: { product, locationNativeId: location, mode: 'adjust', delta: 3 }, changeFrom: 10, known };
    expect(appliedResults('acme-shopify', [entry], payload, logger).get(0)).toMatchObject({ before: 10, after: 13 });
  });
});
