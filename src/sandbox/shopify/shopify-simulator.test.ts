/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read loosely in assertions */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startShopifySimulator, type ShopifySimulator, type ShopifySimulatorOptions } from './shopify-simulator.ts';
import { sharedDemoSkus } from '../demo-catalog.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/shopify/${name}`, import.meta.url), 'utf8'));

let sim: ShopifySimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: ShopifySimulatorOptions = {}): Promise<ShopifySimulator> {
  sim = await startShopifySimulator({ productCount: 60, ...options });
  return sim;
}

interface Answer {
  status: number;
  body: { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: { code?: string } }>; extensions?: { cost: Cost } } & Record<string, any>;
}
interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

async function post(s: ShopifySimulator, query: string, variables: Record<string, unknown> = {}, options: { token?: string; version?: string } = {}): Promise<Answer> {
  const response = await fetch(`${s.url}/admin/api/${options.version ?? s.apiVersion}/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': options.token ?? s.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Keys of a JSON value, recursively, for comparing shapes with real payloads. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape((value as Record<string, unknown>)[key])]));
  return typeof value === 'number' ? 'number' : value === null ? 'null' : typeof value;
}

const SET = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { changes(quantityNames: ["available", "on_hand"]) { name delta quantityAfterChange } }
    userErrors { code field message }
  }
}`;
const ADJUST = `mutation Adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { changes(quantityNames: ["available"]) { name delta quantityAfterChange } }
    userErrors { code field message }
  }
}`;

describe('Shopify simulator: catalog', () => {
  it('is seeded deterministically with ~500 products / ~2,000 variants, every shared demo SKU, and the awkward cases', async () => {
    const s = await start({ productCount: undefined });
    const again = await startShopifySimulator();
    try {
      expect(s.catalog.products.size).toBe(500);
      expect(s.catalog.variants.size).toBeGreaterThan(1800);
      expect(again.catalog.variantOrder.map((v) => [v.id, v.sku, v.price])).toEqual(s.catalog.variantOrder.map((v) => [v.id, v.sku, v.price]));
      for (const sku of sharedDemoSkus()) expect(s.catalog.variantBySku(sku)).toBeDefined();
      const items = [...s.catalog.items.values()];
      expect(items.some((item) => !item.tracked)).toBe(true);
      expect(s.catalog.variantOrder.some((v) => v.sku === null)).toBe(true);
      expect([...s.catalog.products.values()].some((p) => /[^ -~]/.test(p.title))).toBe(true);
      expect(new Set([...s.catalog.products.values()].map((p) => p.status))).toEqual(new Set(['ACTIVE', 'DRAFT', 'ARCHIVED']));
      expect(s.catalog.variantOrder.every((v) => /^\d+\.\d{2}$/.test(v.price))).toBe(true);
      expect(s.catalog.locations).toHaveLength(3);
    } finally {
      await again.close();
    }
  });
});

describe('Shopify simulator: HTTP edge', () => {
  it('refuses a wrong access token with 401 and Shopify\'s body', async () => {
    const s = await start();
    const answer = await post(s, '{ shop { currencyCode } }', {}, { token: 'shpat_wrong' });
    expect(answer).toEqual({ status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } });
  });

  it('answers 404 for an API version it does not serve', async () => {
    const s = await start();
    expect((await post(s, '{ shop { currencyCode } }', {}, { version: '2019-04' })).status).toBe(404);
  });

  it('puts extensions.cost on every answer, shaped like Shopify\'s', async () => {
    const s = await start();
    const answer = await post(s, 'query Q { productVariant(id: "gid://shopify/ProductVariant/1") { id title } }');
    const real = fixture('response-with-cost-extension.json') as { extensions: unknown };
    expect(shape(answer.body.extensions)).toEqual(shape(real.extensions));
    expect(answer.body.extensions?.cost).toMatchObject({ requestedQueryCost: 1, actualQueryCost: 0 });
  });

  it('logs every request with its operation name', async () => {
    const s = await start();
    await post(s, 'query ShopFacts { shop { currencyCode } }');
    await post(s, 'query Other { shop { name } }');
    expect(s.server.requestLog.map((entry) => entry.operation)).toEqual(['ShopFacts', 'Other']);
    expect(s.server.count((entry) => entry.operation === 'ShopFacts')).toBe(1);
  });

  it('injects THROTTLED and 5xx faults with Shopify\'s bodies', async () => {
    const s = await start({ faults: { throttleRate: 1 } });
    const throttled = await post(s, '{ shop { name } }');
    expect(throttled.status).toBe(200);
    expect(throttled.body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
    s.server.setFaults({ errorRate: 1 });
    const failed = await post(s, '{ shop { name } }');
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ errors: 'Service Unavailable' });
  });
});

describe('Shopify simulator: paging and search', () => {
  const PAGE = 'query P($after: String, $q: String) { productVariants(first: 100, after: $after, query: $q) { pageInfo { hasNextPage endCursor } nodes { id sku } } }';

  it('pages through every variant once with opaque cursors shaped like Shopify\'s', async () => {
    const s = await start();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await post(s, PAGE, { after });
      const connection = answer.body.data?.productVariants;
      seen.push(...connection.nodes.map((node: { id: string }) => node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(s.catalog.variantOrder.map((variant) => variant.id));
    const realCursor = (fixture('query-products.cursor-page.response.json') as any).products.edges[0].cursor as string;
    expect(Object.keys(JSON.parse(Buffer.from(after ?? '', 'base64').toString()))).toEqual(Object.keys(JSON.parse(Buffer.from(realCursor, 'base64').toString())));
  });

  it('rejects first > 250 before running the query, and a connection without first/last', async () => {
    const s = await start();
    const tooMany = await post(s, '{ productVariants(first: 251) { nodes { id } } }');
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.data).toBeUndefined();
    expect(tooMany.body.errors?.[0]?.message).toMatch(/250/);
    const none = await post(s, '{ productVariants { nodes { id } } }');
    expect(none.body.errors?.[0]?.message).toBe('you must provide one of first or last');
    const ids = Array.from({ length: 251 }, (_, i) => `gid://shopify/ProductVariant/${String(i + 1)}`);
    expect((await post(s, 'query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).body.errors?.[0]?.message).toMatch(/250/);
  });

  it('finds variants by sku: (quoted, OR-ed) and updated_at: search syntax', async () => {
    const s = await start();
    const answer = await post(s, PAGE, { q: 'sku:"SG-1003" OR sku:SG-1010 OR sku:\'NOPE\'' });
    expect(answer.body.data?.productVariants.nodes.map((n: { sku: string }) => n.sku).sort()).toEqual(['SG-1003', 'SG-1010']);
    const cutoff = '2026-09-01T00:00:00Z';
    const recent = await post(s, PAGE, { q: `updated_at:>='${cutoff}'` });
    const expected = s.catalog.variantOrder.filter((v) => v.updatedAt >= cutoff).length;
    expect(recent.body.data?.productVariants.nodes.length).toBe(Math.min(100, expected));
    const count = await post(s, 'query C($q: String) { productVariantsCount(query: $q) { count precision } }', { q: `updated_at:>='${cutoff}'` });
    expect(count.body.data?.productVariantsCount).toEqual({ count: expected, precision: 'EXACT' });
  });
});

describe('Shopify simulator: query cost and the leaky bucket', () => {
  const LEVELS = 'query L { productVariants(first: 10) { nodes { id inventoryItem { id inventoryLevels(first: 5) { nodes { id quantities(names: ["available", "on_hand"]) { name quantity } } } } } } }';

  it('prices the requested cost by Shopify\'s rules and refunds the difference to the actual cost', async () => {
    const s = await start({ now: () => 5_000 });
    const answer = await post(s, LEVELS);
    // connection 2 + 10 × (variant 1 + inventoryItem 1 + levels 2 + 5 × (level 1 + quantities 2))
    expect(answer.body.extensions?.cost.requestedQueryCost).toBe(2 + 10 * (1 + 1 + 2 + 5 * 3));
    const levels = answer.body.data?.productVariants.nodes.reduce((sum: number, n: any) => sum + n.inventoryItem.inventoryLevels.nodes.length, 0) as number;
    expect(answer.body.extensions?.cost.actualQueryCost).toBe(2 + 10 * (1 + 1 + 2) + levels * 3);
    expect(answer.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(1000 - (2 + 40 + levels * 3));
  });

  it('answers THROTTLED (HTTP 200, Shopify\'s body) when the bucket cannot hold the requested cost, and restores over time', async () => {
    let now = 1_000_000;
    const s = await start({ now: () => now, bucket: { maximumAvailable: 1000, restoreRate: 50 } });
    s.bucket.drainTo(100);
    const throttled = await post(s, LEVELS);
    expect(throttled.status).toBe(200);
    expect(shape(throttled.body)).toEqual(shape(fixture('throttled.response.json')));
    expect(throttled.body.extensions?.cost).toMatchObject({ requestedQueryCost: 192, actualQueryCost: null, throttleStatus: { currentlyAvailable: 100, restoreRate: 50 } });
    now += 2_000; // 2 s × 50 points/s = 100 points restored: 200 ≥ 192
    const allowed = await post(s, LEVELS);
    expect(allowed.body.errors).toBeUndefined();
    expect(s.bucket.minimumLevel).toBeGreaterThanOrEqual(0);
    expect(s.bucket.minimumLevel).toBe(200 - 192);
  });

  it('refuses a single query over 1000 requested points with MAX_COST_EXCEEDED', async () => {
    const s = await start({ bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } });
    const answer = await post(s, '{ productVariants(first: 250) { nodes { id product { id } inventoryItem { id unitCost { amount } } } } }');
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('MAX_COST_EXCEEDED');
    expect(answer.body.extensions?.cost.requestedQueryCost).toBe(2 + 250 * 4);
    expect(answer.body.data).toBeUndefined();
    expect(s.bucket.currentlyAvailable()).toBe(20_000);
  });

  it('charges a mutation 10 points', async () => {
    const s = await start();
    const item = s.catalog.variantOrder[0]!.inventoryItemId;
    const input = { name: 'available', reason: 'correction', changes: [{ inventoryItemId: item, locationId: s.catalog.locations[0]!.id, delta: 1, changeFromQuantity: null }] };
    expect((await post(s, ADJUST, { input, key: 'k' })).body.extensions?.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
  });
});

describe('Shopify simulator: 2026-07 inventory mutations', () => {
  function target(s: ShopifySimulator) {
    const variant = s.catalog.variantOrder[3]!;
    const location = s.catalog.locations[0]!.id;
    return { item: variant.inventoryItemId, location, level: () => s.catalog.level(variant.inventoryItemId, location)! };
  }

  it('sets available and reports available/on_hand changes like Shopify\'s compare-and-swap example: quantityAfterChange null', async () => {
    const s = await start();
    const t = target(s);
    const before = t.level().available;
    const answer = await post(s, SET, { key: 'set-1', input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: t.item, locationId: t.location, quantity: before + 10, changeFromQuantity: before }] } });
    const changes = answer.body.data?.inventorySetQuantities.inventoryAdjustmentGroup.changes;
    const real = fixture('mutation-inventorySetQuantities.cas.response.json') as any;
    expect(changes).toEqual(real.inventorySetQuantities.inventoryAdjustmentGroup.changes);
    expect(t.level().available).toBe(before + 10);
    expect(Object.keys(answer.body.data?.inventorySetQuantities).sort()).toEqual(Object.keys(real.inventorySetQuantities).sort());
  });

  it('fills quantityAfterChange when switched to the populated answer form', async () => {
    const s = await start({ answers: { quantityAfterChange: 'populated' } });
    const t = target(s);
    const before = t.level().available;
    const answer = await post(s, SET, { key: 'set-2', input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: t.item, locationId: t.location, quantity: before + 10, changeFromQuantity: before }] } });
    const changes = answer.body.data?.inventorySetQuantities.inventoryAdjustmentGroup.changes;
    expect(changes[0]).toEqual({ name: 'available', delta: 10, quantityAfterChange: before + 10 });
  });

  it('refuses a stale changeFromQuantity with CHANGE_FROM_QUANTITY_STALE and changes nothing', async () => {
    const s = await start();
    const t = target(s);
    const before = t.level().available;
    const answer = await post(s, ADJUST, { key: 'adj-stale', input: { name: 'available', reason: 'correction', changes: [{ inventoryItemId: t.item, locationId: t.location, delta: 5, changeFromQuantity: before + 1 }] } });
    expect(answer.body.data?.inventoryAdjustQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [{ code: 'CHANGE_FROM_QUANTITY_STALE', field: ['input', 'changes', '0', 'changeFromQuantity'], message: expect.any(String) }],
    });
    expect(t.level().available).toBe(before);
  });

  it('requires changeFromQuantity on every entry (explicit null opts out)', async () => {
    const s = await start();
    const t = target(s);
    const answer = await post(s, ADJUST, { key: 'adj-missing', input: { name: 'available', reason: 'correction', changes: [{ inventoryItemId: t.item, locationId: t.location, delta: 5 }] } });
    expect(answer.body.data?.inventoryAdjustQuantities.userErrors[0].code).toBe('CHANGE_FROM_QUANTITY_REQUIRED');
  });

  it('requires @idempotent with a non-empty key', async () => {
    const s = await start();
    const t = target(s);
    const input = { name: 'available', reason: 'correction', changes: [{ inventoryItemId: t.item, locationId: t.location, delta: 1, changeFromQuantity: null }] };
    const without = await post(s, 'mutation A($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) { userErrors { code } } }', { input });
    expect(without.body.errors?.[0]?.message).toMatch(/@idempotent/);
    const empty = await post(s, ADJUST, { input, key: '' });
    expect(empty.body.errors?.[0]?.message).toMatch(/must not be empty/);
    expect(t.level().available).toBe(s.catalog.level(t.item, t.location)!.available);
  });

  it('deduplicates by key: same arguments → the first result, once; other arguments → IDEMPOTENCY_KEY_PARAMETER_MISMATCH', async () => {
    const s = await start();
    const t = target(s);
    const before = t.level().available;
    const input = { name: 'available', reason: 'correction', changes: [{ inventoryItemId: t.item, locationId: t.location, delta: 3, changeFromQuantity: null }] };
    const first = await post(s, ADJUST, { input, key: 'dup' });
    const replay = await post(s, ADJUST, { input, key: 'dup' });
    expect(replay.body.data).toEqual(first.body.data);
    expect(t.level().available).toBe(before + 3);
    const other = await post(s, ADJUST, { input: { ...input, changes: [{ ...input.changes[0], delta: 4 }] }, key: 'dup' });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
    expect(t.level().available).toBe(before + 3);
  });

  it('answers IDEMPOTENCY_CONCURRENT_REQUEST to a duplicate that arrives while the first still runs', async () => {
    const s = await start();
    const t = target(s);
    const before = t.level().available;
    const input = { name: 'available', reason: 'correction', changes: [{ inventoryItemId: t.item, locationId: t.location, delta: 2, changeFromQuantity: null }] };
    const release = s.holdMutations();
    const first = post(s, ADJUST, { input, key: 'slow' });
    await expect.poll(() => s.idempotency.size).toBe(1);
    const duplicate = await post(s, ADJUST, { input, key: 'slow' });
    expect(duplicate.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONCURRENT_REQUEST');
    release();
    expect((await first).body.data?.inventoryAdjustQuantities.userErrors).toEqual([]);
    expect(t.level().available).toBe(before + 2);
  });

  it('applies a batch atomically: one bad entry, nothing applied', async () => {
    const s = await start();
    const t = target(s);
    const before = t.level().available;
    const answer = await post(s, SET, {
      key: 'atomic',
      input: { name: 'available', reason: 'correction', quantities: [
        { inventoryItemId: t.item, locationId: t.location, quantity: 99, changeFromQuantity: null },
        { inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: t.location, quantity: 1, changeFromQuantity: null },
      ] },
    });
    expect(answer.body.data?.inventorySetQuantities.userErrors).toEqual([{ code: 'INVALID_INVENTORY_ITEM', field: ['input', 'quantities', '1', 'inventoryItemId'], message: expect.any(String) }]);
    expect(t.level().available).toBe(before);
  });
});
