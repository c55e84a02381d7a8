import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { locationGlobalId, productGlobalId } from '../../../src/model/global-id.ts';
import type { SimVariant } from '../../../src/sandbox/shopify/shopify-sim-catalog.ts';
import { eventually, KEYS, listening, noSubscribers, startRealtimeRig, subscribeWs, type RealtimeRig } from './realtime-harness.ts';

let rig: RealtimeRig;
let variants: SimVariant[];
beforeAll(async () => {
  rig = await startRealtimeRig({ webhookQueueCapacity: 1, webhookConcurrency: 1, subscriptionBufferSize: 2 });
  variants = rig.shopify.catalog.variantOrder.filter((v) => v.sku && rig.shopify.catalog.items.get(v.inventoryItemId)?.tracked);
});
afterEach(async () => {
  rig.shopify.server.setFaults({});
  await noSubscribers(rig);
});
afterAll(async () => rig.close());

const numeric = (gid: string) => Number(gid.slice(gid.lastIndexOf('/') + 1));

/** An inventory_levels/update delivery as Shopify sends it, signed with the app's secret. */
function levelUpdate(variant: SimVariant, available: number, updatedAt: string, headers: Record<string, string> = {}, secret = rig.shopify.webhookSecret) {
  const location = rig.shopify.catalog.locations[1]!.id;
  const body = JSON.stringify({ inventory_item_id: numeric(variant.inventoryItemId), location_id: numeric(location), available, updated_at: updatedAt });
  return fetch(`${rig.gateway.url}/webhooks/t-shopify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'inventory_levels/update',
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': randomUUID(),
      ...headers,
    },
    body,
  });
}

describe('Shopify webhooks', () => {
  it('maps inventory_levels/update (item, location) to the variant\'s product and location IDs', async () => {
    const sub = subscribeWs(rig.wsUrl, `subscription { inventoryChanged(vendorId: "t-shopify") { productId locationId sku after source occurredAt } }`, {}, { 'x-api-key': KEYS.viewer });
    await listening(rig, 1);
    const variant = variants[0]!;
    const response = await levelUpdate(variant, 17, '2030-03-01T10:00:00-05:00');
    expect(await response.json()).toEqual({ status: 'applied', events: 1 });
    await eventually(() => expect(sub.events).toHaveLength(1));
    expect(sub.events[0]).toEqual({
      productId: productGlobalId('t-shopify', variant.id),
      locationId: locationGlobalId('t-shopify', rig.shopify.catalog.locations[1]!.id),
      sku: variant.sku,
      after: 17,
      source: 'WEBHOOK',
      occurredAt: '2030-03-01T15:00:00.000Z',
    });
    sub.stop();
  });

  it('refuses a bad signature (401) and deduplicates by webhook id and by event id', async () => {
    const variant = variants[1]!;
    expect((await levelUpdate(variant, 5, '2030-03-01T10:00:00Z', {}, 'not-the-secret')).status).toBe(401);
    const ids = { 'x-shopify-webhook-id': 'wh-1', 'x-shopify-event-id': 'ev-1' };
    expect(await (await levelUpdate(variant, 5, '2030-03-01T10:00:00Z', ids)).json()).toEqual({ status: 'applied', events: 1 });
    expect(await (await levelUpdate(variant, 5, '2030-03-01T10:00:00Z', ids)).json()).toEqual({ status: 'duplicate' });
    // The same event delivered to a second subscription (another webhook id).
    expect(await (await levelUpdate(variant, 5, '2030-03-01T10:00:00Z', { ...ids, 'x-shopify-webhook-id': 'wh-2' })).json()).toEqual({ status: 'duplicate' });
  });
});

describe('limits', () => {
  it('answers a flood 503 with Retry-After once the bounded queue is full', async () => {
    // Item lookups wait 400 ms at the shop, so the first delivery holds the one worker.
    rig.shopify.server.setFaults({ latencyMs: 400 });
    const first = levelUpdate(variants[2]!, 1, '2030-03-01T10:00:00Z');
    await eventually(() => expect(rig.shopify.server.requestLog.some((e) => e.operation === 'WebhookInventoryItemVariants')).toBe(true));
    const second = levelUpdate(variants[3]!, 1, '2030-03-01T10:00:00Z');
    await eventually(() => expect(rig.gateway.services.realtime.webhooks.busy).toBe(true));
    const third = await levelUpdate(variants[4]!, 1, '2030-03-01T10:00:00Z');
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('drops a subscriber that falls behind (close code 4008) and frees its place on the bus', async () => {
    rig.shopify.server.setFaults({ latencyMs: 300 });
    const slow = subscribeWs(rig.wsUrl, `subscription { inventoryChanged(vendorId: "t-shopify") { after product { name } } }`, {}, { 'x-api-key': KEYS.viewer });
    await listening(rig, 1);
    const variant = variants[5]!;
    const events = Array.from({ length: 6 }, (_, i) => ({
      eventId: `slow-${i}`,
      vendorId: 't-shopify',
      productId: productGlobalId('t-shopify', variant.id),
      sku: variant.sku,
      locationId: locationGlobalId('t-shopify', rig.shopify.catalog.locations[0]!.id),
      before: i,
      after: i + 1,
      source: 'WEBHOOK' as const,
      occurredAt: new Date().toISOString(),
    }));
    for (const event of events) await rig.gateway.services.realtime.bus.publish([event]);
    await eventually(() => expect(slow.closed?.code).toBe(4008));
    expect(slow.events.length).toBeLessThan(6);
    slow.stop();
  });
});
