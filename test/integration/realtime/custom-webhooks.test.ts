import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/auth/api-key-hash.ts';
import { validateConfig } from '../../../src/config/load-config.ts';
import { locationGlobalId, productGlobalId } from '../../../src/model/global-id.ts';
import type { DropshipItem } from '../../../src/sandbox/custom/custom-sim-catalog.ts';
import { demoCustomVendorConfig, dropshipWebhookMapping } from '../../../src/sandbox/custom/custom-sim-demo-config.ts';
import { startCustomSimulator, type CustomSimulator } from '../../../src/sandbox/custom/custom-simulator.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';
import { CHANGES, eventually, subscribeWs } from './realtime-harness.ts';

const VIEWER_KEY = 'cw-viewer-key-0001';
const SECRET = 'dropship-webhook-secret-for-tests';

let dropship: CustomSimulator;
let gateway: RunningGateway;
let dir: string;
let item: DropshipItem;

/** The same feed as a vendor whose events name items by SKU only (resolved through lookup.bySkus). */
function bySkuVendor() {
  const vendor = demoCustomVendorConfig(dropship.url, 'CW_DROPSHIP_KEY', 'CW_DROPSHIP_WEBHOOK_SECRET');
  const webhook = dropshipWebhookMapping();
  const { itemId: _itemId, ...fields } = webhook.fields;
  return { ...vendor, id: 'dropship-sku', name: 'Dropship by SKU', mapping: { ...vendor.mapping, webhook: { ...webhook, fields } } };
}

/** Dropship Co (the demo custom vendor, declaring its `webhook` mapping) behind a real gateway. */
beforeAll(async () => {
  dropship = await startCustomSimulator();
  dir = await mkdtemp(join(tmpdir(), 'stockgraph-custom-webhooks-'));
  const flagsFile = join(dir, 'flags.json');
  await writeFile(flagsFile, JSON.stringify({ features: { real_time_sync_enabled: { defaultValue: true } } }));
  const config = validateConfig(
    {
      environment: 'development',
      vendors: [demoCustomVendorConfig(dropship.url, 'CW_DROPSHIP_KEY', 'CW_DROPSHIP_WEBHOOK_SECRET'), bySkuVendor()],
      flags: { file: flagsFile },
      auth: { apiKeys: [{ id: 'cw-viewer', keyHash: hashApiKey(VIEWER_KEY), roles: ['viewer'] }] },
      store: { sqlitePath: ':memory:' },
    },
    { CW_DROPSHIP_KEY: dropship.apiKey, CW_DROPSHIP_WEBHOOK_SECRET: SECRET },
    'custom webhooks test',
  );
  gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: process.env.RT_LOG ?? 'silent' }) });
  dropship.handler.webhooks.sendTo(`${gateway.url}/webhooks/dropship`, SECRET);
  item = dropship.catalog.find((candidate) => candidate.track_stock && candidate.sku && candidate.stock.some((entry) => entry.warehouse.code === 'rtm' && entry.available > 5)) as DropshipItem;
});
afterAll(async () => {
  await dropship?.handler.webhooks.sender.idle();
  await gateway?.close();
  await dropship?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A delivery as Dropship Co sends it: `sha256=<hex HMAC>` of the exact body. */
function stockBody(available: number, updatedAt: string, warehouse = 'rtm'): string {
  return JSON.stringify({ event: 'stock.changed', data: [{ product_id: item.id, sku: item.sku, warehouse, available, updated_at: updatedAt }] });
}
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function deliver(body: string, headers: Record<string, string> = {}, vendorId = 'dropship') {
  const response = await fetch(`${gateway.url}/webhooks/${vendorId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-dropship-event': 'stock.changed',
      'x-dropship-delivery': crypto.randomUUID(),
      'x-dropship-signature': sign(body),
      ...headers,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function subscriberCount(count: number): Promise<void> {
  const bus = gateway.services.realtime.bus as unknown as { listenerCount: number };
  await eventually(() => expect(bus.listenerCount).toBe(count + 1));
}

describe('custom vendor webhooks at POST /webhooks/<vendorId>, as the mapping declares them', () => {
  it('applies a stock change the simulator delivers (signed sha256=<hex>) once, as a WEBHOOK event', async () => {
    const sub = subscribeWs(`${gateway.url.replace('http://', 'ws://')}/graphql`, CHANGES, { vendorId: 'dropship' }, { 'x-api-key': VIEWER_KEY });
    await subscriberCount(1);
    const index = dropship.catalog.indexOf(item);
    const rtm = item.stock.findIndex((entry) => entry.warehouse.code === 'rtm');
    const before = item.stock[rtm]!.available;
    const picks = [index, rtm];
    dropship.sellOne(() => picks.shift() ?? 0);
    await dropship.handler.webhooks.sender.idle();
    expect(dropship.handler.webhooks.sender.deliveries.map((d) => d.status)).toEqual([200]);
    await eventually(() => expect(sub.events).toHaveLength(1));
    expect(sub.events[0]).toMatchObject({
      productId: productGlobalId('dropship', item.id),
      locationId: locationGlobalId('dropship', 'rtm'),
      vendorId: 'dropship',
      sku: item.sku,
      before: null,
      after: before - 1,
      source: 'WEBHOOK',
    });
    // The same body again with the same delivery id (a vendor retry) is not a second event.
    const again = await deliver(stockBody(before - 1, new Date().toISOString()), { 'x-dropship-delivery': 'retry-1' });
    expect(again.body).toEqual({ status: 'applied', events: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sub.events).toHaveLength(1);
    sub.stop();
    await subscriberCount(0);
  });

  it('answers a bad or missing signature 401 and changes nothing', async () => {
    await deliver(stockBody(40, '2030-01-01T10:00:00Z'));
    const body = stockBody(1, '2030-02-01T00:00:00Z');
    expect(await deliver(body, { 'x-dropship-signature': sign(body, 'wrong-secret') })).toMatchObject({ status: 401, body: { status: 'unauthorized' } });
    expect((await deliver(body, { 'x-dropship-signature': sign(body).replace('sha256=', '') })).status).toBe(401);
    expect((await deliver(body, { 'x-dropship-signature': createHmac('sha256', SECRET).update(body).digest('base64') })).status).toBe(401);
    const unsigned = await fetch(`${gateway.url}/webhooks/dropship`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dropship-event': 'stock.changed' }, body });
    expect(unsigned.status).toBe(401);
    // A later, correctly signed delivery still sees the level from before (40), not 1.
    const sub = subscribeWs(`${gateway.url.replace('http://', 'ws://')}/graphql`, CHANGES, { vendorId: 'dropship' }, { 'x-api-key': VIEWER_KEY });
    await subscriberCount(1);
    expect((await deliver(stockBody(39, '2030-01-01T10:00:05Z'))).body).toEqual({ status: 'applied', events: 1 });
    await eventually(() => expect(sub.events).toHaveLength(1));
    expect(sub.events[0]).toMatchObject({ before: 40, after: 39, occurredAt: '2030-01-01T10:00:05.000Z' });
    sub.stop();
    await subscriberCount(0);
  });

  it('applies a repeated delivery (same delivery id) once', async () => {
    const body = stockBody(30, '2030-01-01T11:00:00Z');
    const headers = { 'x-dropship-delivery': 'delivery-77' };
    expect(await deliver(body, headers)).toEqual({ status: 200, body: { status: 'applied', events: 1 } });
    expect(await deliver(body, headers)).toEqual({ status: 200, body: { status: 'duplicate' } });
  });

  it('ignores an event older than what the gateway knows (by the declared updatedAt), with 2xx', async () => {
    expect(await deliver(stockBody(99, '2030-01-01T09:00:00Z'))).toEqual({ status: 200, body: { status: 'applied', events: 0 } });
    // The level stays 30: a newer event reports the change from 30.
    const sub = subscribeWs(`${gateway.url.replace('http://', 'ws://')}/graphql`, CHANGES, { vendorId: 'dropship' }, { 'x-api-key': VIEWER_KEY });
    await subscriberCount(1);
    await deliver(stockBody(28, '2030-01-01T11:30:00Z'));
    await eventually(() => expect(sub.events).toHaveLength(1));
    expect(sub.events[0]).toMatchObject({ before: 30, after: 28 });
    sub.stop();
    await subscriberCount(0);
  });

  it('applies every event of an array body, and acknowledges a topic the mapping does not list', async () => {
    const body = JSON.stringify({
      event: 'stock.changed',
      data: [
        { product_id: item.id, sku: item.sku, warehouse: 'rtm', available: 27, updated_at: '2030-01-01T12:00:00Z' },
        { product_id: item.id, sku: item.sku, warehouse: 'lyn', available: 3, updated_at: '2030-01-01T12:00:00Z' },
      ],
    });
    expect((await deliver(body)).body).toEqual({ status: 'applied', events: 2 });
    expect(await deliver('{"id":1}', { 'x-dropship-event': 'order.created' })).toEqual({ status: 200, body: { status: 'ignored' } });
  });

  it('answers 400 for a body whose fields are not what the mapping says', async () => {
    const body = JSON.stringify({ event: 'stock.changed', data: [{ product_id: item.id, warehouse: 'rtm', available: 'lots', updated_at: '2030-01-01T13:00:00Z' }] });
    expect(await deliver(body)).toMatchObject({ status: 400, body: { status: 'bad-payload' } });
  });

  it('resolves events that name items by SKU only with one batched lookup.bySkus call, skipping unknown SKUs', async () => {
    dropship.server.clearLog();
    const body = JSON.stringify({
      event: 'stock.changed',
      data: [
        { sku: item.sku, warehouse: 'rtm', available: 12, updated_at: '2030-03-01T00:00:00Z' },
        { sku: 'NO-SUCH-SKU', warehouse: 'rtm', available: 5, updated_at: '2030-03-01T00:00:00Z' },
      ],
    });
    const sub = subscribeWs(`${gateway.url.replace('http://', 'ws://')}/graphql`, CHANGES, { vendorId: 'dropship-sku' }, { 'x-api-key': VIEWER_KEY });
    await subscriberCount(1);
    expect((await deliver(body, {}, 'dropship-sku')).body).toEqual({ status: 'applied', events: 1 });
    await eventually(() => expect(sub.events).toHaveLength(1));
    expect(sub.events[0]).toMatchObject({ productId: productGlobalId('dropship-sku', item.id), locationId: locationGlobalId('dropship-sku', 'rtm'), sku: item.sku, after: 12, source: 'WEBHOOK' });
    expect(dropship.server.requestLog.map((entry) => `${entry.path}${entry.query}`)).toEqual([`/api/v1/products/batch?skus=${encodeURIComponent(`${item.sku},NO-SUCH-SKU`)}`]);
    sub.stop();
    await subscriberCount(0);
  });
});
