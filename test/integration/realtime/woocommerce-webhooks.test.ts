import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locationGlobalId, productGlobalId } from '../../../src/model/global-id.ts';
import type { SimProduct } from '../../../src/sandbox/woocommerce/woocommerce-sim-catalog.ts';
import { CHANGES, KEYS, listening, startRealtimeRig, subscribeWs, WOO_SECRET, eventually, type RealtimeRig } from './realtime-harness.ts';

let rig: RealtimeRig;
let product: SimProduct;
beforeAll(async () => {
  rig = await startRealtimeRig({ webhookMaxBodyBytes: 4096 });
  product = [...rig.woo.catalog.products.values()].find((p) => p.type === 'simple' && p.manageStock && p.sku) as SimProduct;
});
afterAll(async () => rig.close());

/** A delivery as WooCommerce sends it: the REST body, signed with the webhook's secret. */
function wooBody(stock: number, modifiedGmt: string): string {
  return JSON.stringify({ id: product.id, type: 'simple', sku: product.sku, manage_stock: true, stock_quantity: stock, date_modified_gmt: modifiedGmt });
}
async function deliver(body: string, headers: Record<string, string> = {}, vendorId = 't-woo') {
  const response = await fetch(`${rig.gateway.url}/webhooks/${vendorId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'product.updated',
      'x-wc-webhook-delivery-id': crypto.randomUUID(),
      'x-wc-webhook-signature': createHmac('sha256', WOO_SECRET).update(body).digest('base64'),
      ...headers,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('WooCommerce webhooks at POST /webhooks/<vendorId>', () => {
  it('applies a signed product.updated once, as a WEBHOOK event with before and after', async () => {
    const sub = subscribeWs(rig.wsUrl, CHANGES, { vendorId: 't-woo' }, { 'x-api-key': KEYS.viewer });
    await listening(rig, 1);
    const first = await deliver(wooBody(40, '2030-01-01T10:00:00'));
    expect(first).toEqual({ status: 200, body: { status: 'applied', events: 1 } });
    const second = await deliver(wooBody(37, '2030-01-01T10:00:05'));
    expect(second.body).toEqual({ status: 'applied', events: 1 });
    await eventually(() => expect(sub.events).toHaveLength(2));
    expect(sub.events[1]).toEqual({
      productId: productGlobalId('t-woo', String(product.id)),
      locationId: locationGlobalId('t-woo', 'default'),
      vendorId: 't-woo',
      sku: product.sku,
      before: 40,
      after: 37,
      source: 'WEBHOOK',
      occurredAt: '2030-01-01T10:00:05.000Z',
    });
    sub.stop();
  });

  it('answers a bad or missing signature 401 and changes nothing', async () => {
    const body = wooBody(1, '2030-02-01T00:00:00');
    expect((await deliver(body, { 'x-wc-webhook-signature': createHmac('sha256', 'wrong').update(body).digest('base64') })).status).toBe(401);
    const unsigned = await fetch(`${rig.gateway.url}/webhooks/t-woo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wc-webhook-topic': 'product.updated' }, body });
    expect(unsigned.status).toBe(401);
    // A later, correctly signed delivery still sees the level from before (37), not 1.
    const after = await deliver(wooBody(36, '2030-01-01T10:00:06'));
    expect(after.body).toEqual({ status: 'applied', events: 1 });
  });

  it('applies a repeated delivery once (same delivery id)', async () => {
    const body = wooBody(30, '2030-01-01T11:00:00');
    const headers = { 'x-wc-webhook-delivery-id': 'delivery-77' };
    expect((await deliver(body, headers)).body).toEqual({ status: 'applied', events: 1 });
    expect(await deliver(body, headers)).toEqual({ status: 200, body: { status: 'duplicate' } });
  });

  it('ignores a delivery older than what the gateway knows (a late retry), with 2xx', async () => {
    expect(await deliver(wooBody(99, '2030-01-01T09:00:00'))).toEqual({ status: 200, body: { status: 'applied', events: 0 } });
  });

  it('acknowledges and ignores a topic it does not use', async () => {
    expect(await deliver('{"id":1}', { 'x-wc-webhook-topic': 'order.created' })).toEqual({ status: 200, body: { status: 'ignored' } });
  });

  it('answers 413 for a body over the limit and 404 for an unknown vendor', async () => {
    expect((await deliver(JSON.stringify({ pad: 'x'.repeat(5000) }))).status).toBe(413);
    expect((await deliver(wooBody(1, '2030-01-01T12:00:00'), {}, 'nobody'))).toMatchObject({ status: 404 });
    // Magento receives no webhooks (it is polled).
    expect((await deliver(wooBody(1, '2030-01-01T12:00:00'), {}, 't-magento')).status).toBe(404);
  });

  it('remembers when the level reached 0 and when it was restocked (demand those days is censored)', async () => {
    expect((await deliver(wooBody(0, '2030-02-01T08:00:00'))).body).toEqual({ status: 'applied', events: 1 });
    expect((await deliver(wooBody(12, '2030-02-04T20:00:00'))).body).toEqual({ status: 'applied', events: 1 });
    const id = productGlobalId('t-woo', String(product.id));
    const recorded = await rig.gateway.services.demand.stockouts.products('t-woo', [id]);
    expect(recorded.get(id)).toEqual({
      [locationGlobalId('t-woo', 'default')]: { spans: [[Date.parse('2030-02-01T08:00:00Z'), Date.parse('2030-02-04T20:00:00Z')]], outSince: null },
    });
  });
});
