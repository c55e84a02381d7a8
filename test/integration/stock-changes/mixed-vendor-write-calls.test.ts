import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { productGlobalId } from '../../../src/model/global-id.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';
import { adjustQuantities, readAudit, setQuantities, type ChangeSpec } from './inventory-documents.ts';

/**
 * How many upstream requests a mixed-vendor stock change costs, against the four real simulators
 * of demo mode. These are the fewest each vendor's API allows for "set N levels, one location each"
 * (README "Inventory mutations: exactly once" gives the reasons and sources), so any extra read or
 * per-item call fails here:
 * - Shopify: one `nodes(ids:)` read (a product ID is a variant; the mutation takes its inventory
 *   item) and one `inventorySetQuantities`, whose answer carries before and after;
 * - WooCommerce: one read and one batch write per endpoint — `/products` for simple products, and
 *   `/products/{parent}/variations` per parent, since variations are only reachable there;
 * - Magento (MSI): the products by entity ID (source items are keyed by SKU), the source items
 *   (`before`: the POST answers `[]`), one POST of all source items;
 * - custom (Dropship Co): one batch read, then one PUT per level (its API has no batch write).
 */

interface Target {
  readonly vendorId: string;
  readonly nativeId: string;
  readonly productId: string;
  readonly locationId: string;
  readonly available: number;
}

const LIST = `query($vendorId: ID!) {
  products(vendorId: $vendorId, first: 60) { nodes { id nativeId vendorId inventoryTracked inventoryLevels { locationId available } } }
}`;

let demo: DemoGateway;
let targets: Record<string, Target[]>;

beforeAll(async () => {
  demo = await startDemoGateway();
  targets = {};
  for (const vendorId of Object.keys(demo.sandbox.servers)) {
    const { data } = await postGraphQL<{ products: { nodes: Array<{ id: string; nativeId: string; vendorId: string; inventoryTracked: boolean; inventoryLevels: Array<{ locationId: string; available: number }> }> } }>(demo.url, LIST, { vendorId });
    targets[vendorId] = (data?.products.nodes ?? [])
      .filter((node) => node.inventoryTracked && node.inventoryLevels.length > 0)
      .map((node) => ({ vendorId, nativeId: node.nativeId, productId: node.id, locationId: node.inventoryLevels[0]!.locationId, available: node.inventoryLevels[0]!.available }));
  }
});
afterAll(() => demo.close());
beforeEach(() => demo.resetCounts());

/** Upstream requests since the last reset, per vendor and endpoint (the simulators' own labels). */
function calls(): Record<string, Record<string, number>> {
  const byVendor: Record<string, Record<string, number>> = {};
  for (const [vendorId, server] of Object.entries(demo.sandbox.servers)) {
    const counts: Record<string, number> = {};
    for (const entry of server.requestLog) counts[entry.operation] = (counts[entry.operation] ?? 0) + 1;
    byVendor[vendorId] = counts;
  }
  return byVendor;
}

const isWrite = (operation: string) => /^(POST|PUT) /.test(operation) || operation.startsWith('Inventory') && operation.endsWith('Quantities');

/** `count` levels of a vendor not used by an earlier test, picked by shape. */
const used = new Set<string>();
function pick(vendorId: string, count: number, where: (target: Target) => boolean = () => true): Target[] {
  const found = (targets[vendorId] ?? []).filter((target) => !used.has(target.productId) && where(target)).slice(0, count);
  if (found.length < count) throw new Error(`the demo catalog of ${vendorId} has fewer than ${count} such levels`);
  found.forEach((target) => used.add(target.productId));
  return found;
}

const parentOf = (target: Target) => target.nativeId.split(':')[0]!;
/** Two variations of one WooCommerce parent and one simple product. */
function wooMix(): Target[] {
  const variations = (targets['demo-woo'] ?? []).filter((target) => target.nativeId.includes(':') && !used.has(target.productId));
  const parent = variations.map(parentOf).find((id) => variations.filter((target) => parentOf(target) === id).length >= 2);
  if (parent === undefined) throw new Error('the WooCommerce demo catalog has no parent with two tracked variations');
  return [...pick('demo-woo', 2, (target) => target.nativeId.includes(':') && parentOf(target) === parent), ...pick('demo-woo', 1, (target) => !target.nativeId.includes(':'))];
}

const setTo = (target: Target, quantity: number, compareQuantity?: number): ChangeSpec => ({ productId: target.productId, locationId: target.locationId, quantity, ...(compareQuantity === undefined ? {} : { compareQuantity }) });

describe('setInventoryQuantities across Shopify, WooCommerce, Magento and a custom vendor', () => {
  it('sets 10 levels with one read and one write per vendor endpoint, and audits each with before and after', async () => {
    const chosen = [...pick('demo-shopify', 3), ...wooMix(), ...pick('demo-magento', 2), ...pick('dropship', 2)];
    const changes = chosen.map((target, index) => setTo(target, target.available + 5 + index));
    const { payload } = await setQuantities(demo.url, { idempotencyKey: 'mixed-10', reason: 'cycle count', changes });

    expect(payload?.userErrors).toEqual([]);
    expect(payload?.results.map((result) => [result.status, result.before, result.after])).toEqual(chosen.map((target, index) => ['APPLIED', target.available, target.available + 5 + index]));
    expect(calls()).toEqual({
      'demo-shopify': { ProductVariantsByIdsWithLevels: 1, InventorySetQuantities: 1 },
      'demo-woo': { 'GET /products': 1, 'GET /products/{id}/variations': 1, 'POST /products/batch': 1, 'POST /products/{id}/variations/batch': 1 },
      'demo-magento': { 'GET /V1/products': 1, 'GET /V1/inventory/source-items': 1, 'POST /V1/inventory/source-items': 1 },
      dropship: { 'GET /products/batch': 1, 'PUT /products/:id/stock/:warehouse': 2 },
    });
    const audit = await readAudit(demo.url, { filter: { idempotencyKey: 'mixed-10' } });
    expect(audit.map((entry) => [entry.productId, entry.before, entry.after]).sort()).toEqual(chosen.map((target, index) => [target.productId, target.available, target.available + 5 + index]).sort());
  });

  it('answers a retry with the same key from the stored result, with no upstream request at all', async () => {
    const [target] = pick('dropship', 1);
    const input = { idempotencyKey: 'mixed-replay', reason: 'correction', changes: [setTo(target!, target!.available + 1)] };
    await setQuantities(demo.url, input);
    demo.resetCounts();
    const { payload } = await setQuantities(demo.url, input);
    expect(payload?.results[0]?.status).toBe('APPLIED');
    expect(Object.values(calls()).flatMap((counts) => Object.keys(counts))).toEqual([]);
  });

  it('refuses the whole input when one product is unknown: every vendor reads once, none writes', async () => {
    const chosen = [...pick('demo-shopify', 1), ...pick('demo-woo', 1), ...pick('dropship', 1)];
    const unknown: ChangeSpec = { productId: productGlobalId('demo-magento', '987654'), locationId: pick('demo-magento', 1)[0]!.locationId, quantity: 3 };
    const { payload } = await setQuantities(demo.url, { idempotencyKey: 'mixed-refused', reason: 'correction', changes: [...chosen.map((target) => setTo(target, target.available + 2)), unknown] });

    expect(payload).toEqual({ results: [], userErrors: [{ field: ['input', 'changes', '3', 'productId'], code: 'PRODUCT_NOT_FOUND', message: 'No product with this ID' }] });
    const made = calls();
    expect(Object.values(made).flatMap((counts) => Object.keys(counts).filter(isWrite))).toEqual([]);
    expect(Object.fromEntries(Object.entries(made).map(([vendorId, counts]) => [vendorId, Object.values(counts).reduce((sum, count) => sum + count, 0)]))).toEqual({
      'demo-shopify': 1,
      'demo-woo': 1,
      'demo-magento': 1, // the product search finds nothing: no source items to read
      dropship: 1,
    });
  });

  it('checks compareQuantity against the same read and writes only the levels that match', async () => {
    const [matching, stale] = pick('demo-magento', 2) as [Target, Target];
    const { payload } = await setQuantities(demo.url, {
      idempotencyKey: 'mixed-compare',
      reason: 'correction',
      changes: [setTo(matching, matching.available + 4, matching.available), setTo(stale, 0, stale.available + 1)],
    });
    expect(payload?.results.map((result) => [result.status, result.before, result.after])).toEqual([
      ['APPLIED', matching.available, matching.available + 4],
      ['CONFLICT', stale.available, stale.available],
    ]);
    expect(calls()['demo-magento']).toEqual({ 'GET /V1/products': 1, 'GET /V1/inventory/source-items': 1, 'POST /V1/inventory/source-items': 1 });
    const body = demo.sandbox.servers['demo-magento']!.requestLog.find((entry) => entry.operation === 'POST /V1/inventory/source-items')?.body as { sourceItems: unknown[] };
    expect(body.sourceItems).toHaveLength(1);
  });

  it('adjusts by deltas computed from the one read, and sends nothing for a level already at its target', async () => {
    const [moved, unchanged] = pick('dropship', 2) as [Target, Target];
    const [variant] = pick('demo-shopify', 1) as [Target];
    const { payload } = await adjustQuantities(demo.url, {
      idempotencyKey: 'mixed-adjust',
      reason: 'received',
      changes: [
        { productId: moved.productId, locationId: moved.locationId, delta: -2 },
        { productId: unchanged.productId, locationId: unchanged.locationId, delta: 0 },
        { productId: variant.productId, locationId: variant.locationId, delta: 6 },
      ],
    });
    expect(payload?.results.map((result) => [result.status, result.before, result.after])).toEqual([
      ['APPLIED', moved.available, moved.available - 2],
      ['APPLIED', unchanged.available, unchanged.available],
      ['APPLIED', variant.available, variant.available + 6],
    ]);
    expect(calls()).toMatchObject({
      dropship: { 'GET /products/batch': 1, 'PUT /products/:id/stock/:warehouse': 1 },
      'demo-shopify': { ProductVariantsByIdsWithLevels: 1, InventoryAdjustQuantities: 1 },
    });
  });
});
