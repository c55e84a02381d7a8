import { afterEach, describe, expect, it } from 'vitest';
import { locationGlobalId, productGlobalId } from '../../../src/model/global-id.ts';
import type { ShopifySimAnswers } from '../../../src/sandbox/shopify/shopify-sim-views.ts';
import type { StockChangeRequest } from '../../../src/vendors/vendor-source.ts';
import { applyInPhases } from '../../../src/vendors/stock-writes/phased-writes.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { adjustQuantities, readAudit, testAuthenticator } from '../stock-changes/inventory-documents.ts';
import { startShopifyKit, type ShopifyKit } from './shopify-test-kit.ts';

/**
 * Shopify adjustments prove their own before and after (issue #23). shopify.dev documents
 * `InventoryChange.quantityAfterChange` as nullable and its examples answer `null`, so the
 * gateway sends the level it read as `changeFromQuantity` (mandatory on every entry from 2026-04):
 * an APPLIED answer then proves after = before + delta. The simulator answers as the docs show
 * by default (`quantityAfterChange: null`) and fills it in when switched to `populated`.
 */
let kit: ShopifyKit | undefined;
let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  await kit?.close();
  gateway = undefined;
  kit = undefined;
});
const admin = { 'x-test-caller': 'admin' };

async function start(answers: Partial<ShopifySimAnswers>): Promise<{ kit: ShopifyKit; gateway: TestGateway }> {
  kit = await startShopifyKit({ productCount: 40, answers });
  gateway = await startGatewayWithSources([kit.source], { services: { authenticator: testAuthenticator({ admin: {} }) } });
  return { kit, gateway };
}

/** A tracked variant and a location it is stocked at. */
function target(k: ShopifyKit) {
  const variant = k.sim.catalog.variantOrder.find((candidate) => k.sim.catalog.items.get(candidate.inventoryItemId)?.tracked)!;
  const location = k.sim.catalog.locations[0]!.id;
  return {
    variant,
    location,
    productId: productGlobalId(k.config.id, variant.id),
    locationId: locationGlobalId(k.config.id, location),
    level: () => k.sim.catalog.level(variant.inventoryItemId, location)!,
  };
}

describe.each<ShopifySimAnswers['quantityAfterChange']>(['null', 'populated'])('adjustInventoryQuantities at Shopify, quantityAfterChange answered %s', (form) => {
  it('is APPLIED with before, after and level, in 1 read + 1 mutation, and the audit entry records both', async () => {
    const { kit: k, gateway: g } = await start({ quantityAfterChange: form });
    const t = target(k);
    const start0 = t.level().available;
    k.sim.server.clearLog();
    const { payload } = await adjustQuantities(g.url, { idempotencyKey: `adj-${form}`, reason: 'received', changes: [{ productId: t.productId, locationId: t.locationId, delta: -4 }] }, admin);
    expect(payload?.results).toEqual([{
      productId: t.productId,
      locationId: t.locationId,
      status: 'APPLIED',
      before: start0,
      after: start0 - 4,
      level: { id: expect.any(String), productId: t.productId, locationId: t.locationId, available: start0 - 4 },
      error: null,
    }]);
    expect(t.level().available).toBe(start0 - 4);
    expect(k.requests('ProductVariantsByIdsWithLevels')).toBe(1);
    expect(k.requests('InventoryAdjustQuantities')).toBe(1);
    const [entry] = await readAudit(g.url, { filter: { idempotencyKey: `adj-${form}` } }, admin);
    expect(entry).toMatchObject({ mutation: 'ADJUST', before: start0, after: start0 - 4, delta: -4 });
  });
});

describe('a level moved by another channel between the read and the write', () => {
  async function planned(k: ShopifyKit, request: Omit<StockChangeRequest, 'productNativeId' | 'locationNativeId'>) {
    const t = target(k);
    const plan = await k.source.stockWrites.plan(testCallContext(), [{ productNativeId: t.variant.id, locationNativeId: t.location, ...request }], { idempotencyKey: `moved-${request.mode}-${String(request.compareQuantity)}`, reason: 'correction' });
    const prepared = await plan.prepare(testCallContext());
    return { t, prepared };
  }

  it('is read again and resent: CHANGE_FROM_QUANTITY_STALE, then APPLIED on the fresh level (1 more read, 2 mutations)', async () => {
    const k = (kit = await startShopifyKit({ productCount: 40 }));
    const { t, prepared } = await planned(k, { mode: 'adjust', delta: 3 });
    const read = t.level().available;
    t.level().available = read + 10; // a sale channel restocks after our read
    k.sim.server.clearLog();
    const [result] = await prepared.commit(testCallContext());
    expect(result).toMatchObject({ status: 'APPLIED', before: read + 10, after: read + 13, error: null });
    expect(result?.level?.available).toBe(read + 13);
    expect(t.level().available).toBe(read + 13);
    expect(k.requests('InventoryAdjustQuantities')).toBe(2);
    expect(k.requests('ProductVariantsByIdsWithLevels')).toBe(1);
    expect(k.requests()).toBe(3);
  });

  it('is a CONFLICT, sent once and not retried, when the caller gave its own compareQuantity', async () => {
    const k = (kit = await startShopifyKit({ productCount: 40 }));
    const read = target(k).level().available;
    const { t, prepared } = await planned(k, { mode: 'adjust', delta: 3, compareQuantity: read });
    t.level().available = read + 10;
    k.sim.server.clearLog();
    const [result] = await prepared.commit(testCallContext());
    expect(result).toMatchObject({ status: 'CONFLICT', error: { code: 'CHANGE_FROM_QUANTITY_STALE' } });
    expect(t.level().available).toBe(read + 10);
    expect(k.requests()).toBe(1);
  });
});

describe('a client retry of an adjustment whose answer was lost (same idempotency key)', () => {
  it('is answered with the first result when only that adjustment moved the level (Shopify replays it)', async () => {
    const k = (kit = await startShopifyKit({ productCount: 40 }));
    const t = target(k);
    const start0 = t.level().available;
    // Each call reads the level first, as a gateway retry does: the retry's read already shows + 7.
    const change = async () => ({ product: (await k.source.productsWithLevels(testCallContext(), [t.variant.id]))[0]!, locationNativeId: t.location, mode: 'adjust' as const, delta: 7 });
    const first = await applyInPhases(k.source.stockWrites, testCallContext(), [await change()], { idempotencyKey: 'lost-1', reason: 'restock' });
    const fresh = await change();
    k.sim.server.clearLog();
    const retry = await applyInPhases(k.source.stockWrites, testCallContext(), [fresh], { idempotencyKey: 'lost-1', reason: 'restock' });
    expect(retry).toEqual(first);
    expect(retry[0]).toMatchObject({ status: 'APPLIED', before: start0, after: start0 + 7 });
    expect(t.level().available).toBe(start0 + 7);
    // changeFromQuantity start + 7 under the same key → KEY_PARAMETER_MISMATCH → a fresh read →
    // resent on start (read − delta) → Shopify replays the first answer.
    expect(k.requests('InventoryAdjustQuantities')).toBe(2);
    expect(k.requests('ProductVariantsByIdsWithLevels')).toBe(1);
  });

  it('is FAILED VENDOR_OUTCOME_UNKNOWN, never applied twice, when another channel moved the level as well', async () => {
    const k = (kit = await startShopifyKit({ productCount: 40 }));
    const t = target(k);
    const start0 = t.level().available;
    const change = async () => ({ product: (await k.source.productsWithLevels(testCallContext(), [t.variant.id]))[0]!, locationNativeId: t.location, mode: 'adjust' as const, delta: 7 });
    await applyInPhases(k.source.stockWrites, testCallContext(), [await change()], { idempotencyKey: 'lost-2', reason: 'restock' });
    t.level().available += 1; // a sale channel
    const [retry] = await applyInPhases(k.source.stockWrites, testCallContext(), [await change()], { idempotencyKey: 'lost-2', reason: 'restock' });
    expect(retry).toMatchObject({ status: 'FAILED', outcomeUnknown: true, error: { code: 'VENDOR_OUTCOME_UNKNOWN' } });
    expect(t.level().available).toBe(start0 + 8);
  });
});

