import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { locationGlobalId, productGlobalId } from '../../../src/model/global-id.ts';
import type { SimVariant } from '../../../src/sandbox/shopify/shopify-sim-catalog.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { ADJUST } from '../stock-changes/inventory-documents.ts';
import { CHANGES, KEYS, listening, startRealtimeRig, subscribeSse, subscribeWs, WOO_SECRET, eventually, noSubscribers, type RealtimeRig } from './realtime-harness.ts';

let rig: RealtimeRig;
let variant: SimVariant;
let locationId: string;
beforeAll(async () => {
  rig = await startRealtimeRig();
  variant = rig.shopify.catalog.variantOrder.find((v) => v.sku && rig.shopify.catalog.items.get(v.inventoryItemId)?.tracked) as SimVariant;
  locationId = rig.shopify.catalog.locations[0]!.id;
  // As registerWebhooks would (registration.test.ts): the shops deliver their stock changes here.
  rig.shopify.webhooks.subscribe('inventory_levels/update', `${rig.gateway.url}/webhooks/t-shopify`);
  rig.woo.webhooks.subscribe('product.updated', `${rig.gateway.url}/webhooks/t-woo`, WOO_SECRET);
});
afterEach(async () => noSubscribers(rig));
afterAll(async () => rig.close());

const admin = { 'x-api-key': KEYS.admin };
let turn = 0;
/** Deterministic choices for the simulators' demo sales (a cycling index). */
const pick = (count: number) => (turn++ * 7) % count;

describe('inventoryChanged', () => {
  it('over WebSocket and SSE: a mutation arrives once as MUTATION (the vendor echo is not a second event), a vendor sale as WEBHOOK', async () => {
    const ws = subscribeWs(rig.wsUrl, CHANGES, { vendorId: 't-shopify' }, { 'x-api-key': KEYS.viewer });
    const sse = subscribeSse(rig.gateway.url, CHANGES, { vendorId: 't-shopify' }, { 'x-api-key': KEYS.viewer });
    await listening(rig, 2);
    const before = rig.shopify.catalog.level(variant.inventoryItemId, locationId)!.available;
    const productId = productGlobalId('t-shopify', variant.id);
    const result = await postGraphQL(rig.gateway.url, ADJUST, { input: { idempotencyKey: 'rt-1', reason: 'test', changes: [{ productId, locationId: locationGlobalId('t-shopify', locationId), delta: 5 }] } }, admin);
    expect(result.errors).toBeUndefined();
    await eventually(() => expect(ws.events).toHaveLength(1));
    await eventually(() => expect(sse.events).toHaveLength(1));
    expect(ws.events[0]).toMatchObject({ productId, before, after: before + 5, source: 'MUTATION' });
    expect(sse.events[0]).toEqual(ws.events[0]);
    await rig.shopify.webhooks.sender.idle(); // the shop's echo of our own write was delivered...
    await rig.gateway.services.realtime.publisher.idle();
    expect(rig.shopify.webhooks.sender.deliveries.some((d) => d.topic === 'inventory_levels/update' && d.status === 200)).toBe(true);
    expect(ws.events).toHaveLength(1); // ...and was not news

    sellAtShopify(rig);
    await eventually(() => expect(ws.events).toHaveLength(2));
    await eventually(() => expect(sse.events).toHaveLength(2));
    expect(ws.events[1]).toMatchObject({ vendorId: 't-shopify', source: 'WEBHOOK', after: expect.any(Number) });
    expect((ws.events[1]!.before as number) - (ws.events[1]!.after as number)).toBe(1);
    expect(sse.events[1]).toEqual(ws.events[1]);
    ws.stop();
    sse.stop();
  });

  it('shows a caller only the vendors in its scope, and filters by SKU', async () => {
    const wooOnly = subscribeWs(rig.wsUrl, CHANGES, {}, { 'x-api-key': KEYS.wooOnly });
    const bySku = subscribeWs(rig.wsUrl, CHANGES, { skus: [variant.sku] }, { 'x-api-key': KEYS.viewer });
    await listening(rig, 2);
    sellAtShopify(rig, variant);
    rig.woo.sellOne(pick);
    await eventually(() => expect([wooOnly.events, wooOnly.errors]).toEqual([[expect.anything()], []]));
    await eventually(() => expect(bySku.events).toHaveLength(1));
    expect(wooOnly.events[0]).toMatchObject({ vendorId: 't-woo', source: 'WEBHOOK' });
    expect(bySku.events[0]).toMatchObject({ vendorId: 't-shopify', sku: variant.sku });
    // A mutation's event carries the SKU (read from the vendor while someone filters by SKU).
    const other = rig.shopify.catalog.variantOrder.find((v) => v !== variant && v.sku && rig.shopify.catalog.items.get(v.inventoryItemId)?.tracked)!;
    const watchOther = subscribeWs(rig.wsUrl, CHANGES, { skus: [other.sku] }, { 'x-api-key': KEYS.viewer });
    await listening(rig, 3);
    const changes = [{ productId: productGlobalId('t-shopify', other.id), locationId: locationGlobalId('t-shopify', locationId), delta: 1 }];
    expect((await postGraphQL(rig.gateway.url, ADJUST, { input: { idempotencyKey: 'rt-sku', reason: 'test', changes } }, admin)).errors).toBeUndefined();
    await eventually(() => expect(watchOther.events).toEqual([expect.objectContaining({ sku: other.sku, source: 'MUTATION' })]));
    watchOther.stop();
    const outOfScope = subscribeWs(rig.wsUrl, CHANGES, { vendorId: 't-shopify' }, { 'x-api-key': KEYS.wooOnly });
    await eventually(() => expect(outOfScope.errors).toHaveLength(1));
    expect(outOfScope.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    [wooOnly, bySku, outOfScope].forEach((s) => s.stop());
  });

  it('is refused with FEATURE_DISABLED when real_time_sync_enabled is off for the caller', async () => {
    const ws = subscribeWs(rig.wsUrl, CHANGES, {}, { 'x-api-key': KEYS.noRealtime });
    const sse = subscribeSse(rig.gateway.url, CHANGES, {}, { 'x-api-key': KEYS.noRealtime });
    await eventually(() => expect(ws.errors).toHaveLength(1));
    await eventually(() => expect(sse.errors).toHaveLength(1));
    expect(ws.errors[0]).toMatchObject({ extensions: { code: 'FEATURE_DISABLED', flag: 'real_time_sync_enabled' } });
    expect(sse.errors[0]).toMatchObject({ extensions: { code: 'FEATURE_DISABLED' } });
    ws.stop();
    sse.stop();
  });

  it('gets the same query limits as HTTP: a subscription nested past limits.maxDepth is refused with QUERY_TOO_COMPLEX and never listens', async () => {
    const nested = `subscription { inventoryChanged { product { vendor { products(first: 50) { nodes { vendor { products(first: 50) { nodes { vendor { products(first: 50) { nodes { sku } } } } } } } } } } } }`;
    const ws = subscribeWs(rig.wsUrl, nested, {}, { 'x-api-key': KEYS.viewer });
    const sse = subscribeSse(rig.gateway.url, nested, {}, { 'x-api-key': KEYS.viewer });
    await eventually(() => expect(ws.errors).toHaveLength(1));
    await eventually(() => expect(sse.errors).toHaveLength(1));
    for (const error of [ws.errors[0], sse.errors[0]]) expect(error).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxDepth' } });
    await noSubscribers(rig);
    ws.stop();
    sse.stop();
  });

  it('checks credentials like HTTP: from the init payload ("authorization": "Bearer ..."), bad ones close 4401 / answer 401', async () => {
    const bearer = subscribeWs(rig.wsUrl, CHANGES, { vendorId: 't-woo' }, { authorization: `Bearer ${KEYS.viewer}` });
    await listening(rig, 1);
    rig.woo.sellOne(pick);
    await eventually(() => expect(bearer.events).toHaveLength(1));
    bearer.stop();

    const bad = subscribeWs(rig.wsUrl, CHANGES, {}, { 'x-api-key': 'not-a-key' });
    await eventually(() => expect(bad.closed).not.toBeNull());
    expect(bad.closed?.code).toBe(4401);
    const response = await fetch(`${rig.gateway.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': 'not-a-key' },
      body: JSON.stringify({ query: CHANGES }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    bad.stop();
  });

  it('reports Magento changes found by polling as POLL events', async () => {
    const sub = subscribeWs(rig.wsUrl, CHANGES, { vendorId: 't-magento' }, { 'x-api-key': KEYS.viewer });
    await listening(rig, 1);
    const poller = rig.gateway.services.realtime.pollers.get('t-magento')!;
    expect(await poller.pollOnce()).toMatchObject({ events: 0 }); // the first pass reads everything and only records it
    const { sellOneMagentoUnit } = await import('../../../src/sandbox/magento/magento-sim-sales.ts');
    sellOneMagentoUnit(rig.magento.catalog, pick, Date.now());
    const report = await poller.pollOnce();
    expect(report.events).toBe(1);
    await eventually(() => expect(sub.events).toHaveLength(1));
    expect(sub.events[0]).toMatchObject({ vendorId: 't-magento', source: 'POLL' });
    expect((sub.events[0]!.before as number) - (sub.events[0]!.after as number)).toBe(1);
    expect(await poller.pollOnce()).toMatchObject({ events: 0 }); // nothing new
    sub.stop();
  });
});

/** A sale at the Shopify simulator (one unit of `variant`, or of the first stocked item). */
function sellAtShopify(target: RealtimeRig, only?: SimVariant): void {
  const order = target.shopify.catalog.variantOrder;
  const index = only ? order.indexOf(only) : order.indexOf(variant);
  target.shopify.sellOne((count) => (count === order.length ? index : 0));
}
