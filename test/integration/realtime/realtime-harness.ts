import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import pino from 'pino';
import { expect, vi } from 'vitest';
import WebSocket from 'ws';
import { hashApiKey } from '../../../src/auth/api-key-hash.ts';
import { validateConfig } from '../../../src/config/load-config.ts';
import { startMagentoSimulator, type MagentoSimulator } from '../../../src/sandbox/magento/magento-simulator.ts';
import { startShopifySimulator, type ShopifySimulator } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import { startWooCommerceSimulator, type WooCommerceSimulator } from '../../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';

export const KEYS = {
  viewer: 'rt-viewer-key-0001',
  wooOnly: 'rt-woo-only-key-0002',
  noRealtime: 'rt-no-realtime-key-0003',
  admin: 'rt-admin-key-0004',
} as const;

export const WOO_SECRET = 'woo-webhook-secret-for-tests';

export interface RealtimeRig {
  readonly gateway: RunningGateway;
  readonly shopify: ShopifySimulator;
  readonly woo: WooCommerceSimulator;
  readonly magento: MagentoSimulator;
  readonly wsUrl: string;
  close(): Promise<void>;
}

/**
 * Shopify, WooCommerce and Magento simulators and a gateway (real HTTP, an in-memory store) whose
 * Shopify and WooCommerce vendors have webhook secrets; `real_time_sync_enabled` is off for the
 * caller "rt-no-realtime" only.
 */
export async function startRealtimeRig(realtime: Record<string, unknown> = {}): Promise<RealtimeRig> {
  const shopify = await startShopifySimulator({ productCount: 40 });
  const woo = await startWooCommerceSimulator({ productCount: 60 });
  const magento = await startMagentoSimulator();
  const dir = await mkdtemp(join(tmpdir(), 'stockgraph-realtime-'));
  const flagsFile = join(dir, 'flags.json');
  await writeFile(flagsFile, JSON.stringify({ features: { real_time_sync_enabled: { defaultValue: true, rules: [{ condition: { id: 'rt-no-realtime' }, force: false }] }, shopify_integration_enabled: { defaultValue: true } } }));
  const env = { RT_SHOPIFY_SECRET: shopify.webhookSecret, RT_WOO_SECRET: WOO_SECRET };
  const config = validateConfig(
    {
      environment: 'development',
      vendors: [
        { id: 't-shopify', name: 'T Shopify', platform: 'shopify', shopDomain: shopify.shopDomain, accessToken: shopify.accessToken, endpoint: shopify.url, webhookSecret: '${RT_SHOPIFY_SECRET}' },
        { id: 't-woo', name: 'T Woo', platform: 'woocommerce', baseUrl: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret, webhookSecret: '${RT_WOO_SECRET}' },
        { id: 't-magento', name: 'T Magento', platform: 'magento', baseUrl: magento.url, accessToken: magento.integrationToken, pollEverySeconds: 3600 },
      ],
      flags: { file: flagsFile },
      auth: {
        apiKeys: [
          { id: 'rt-viewer', keyHash: hashApiKey(KEYS.viewer), roles: ['viewer'] },
          { id: 'rt-woo-only', keyHash: hashApiKey(KEYS.wooOnly), roles: ['viewer'], vendors: ['t-woo'] },
          { id: 'rt-no-realtime', keyHash: hashApiKey(KEYS.noRealtime), roles: ['viewer'] },
          { id: 'rt-admin', keyHash: hashApiKey(KEYS.admin), roles: ['admin'] },
        ],
      },
      store: { sqlitePath: ':memory:' },
      realtime,
    },
    env,
    'realtime test',
  );
  const gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: process.env.RT_LOG ?? 'silent' }) });
  return {
    gateway,
    shopify,
    woo,
    magento,
    wsUrl: `${gateway.url.replace('http://', 'ws://')}/graphql`,
    async close() {
      await gateway.close();
      await Promise.all([shopify.close(), woo.close(), magento.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Received {
  readonly events: Array<Record<string, unknown>>;
  readonly errors: unknown[];
  completed: boolean;
  /** The WebSocket close event, when the server closed the connection. */
  closed: { code: number; reason: string } | null;
  stop(): void;
}

export const CHANGES = `subscription Changes($vendorId: ID, $skus: [String!]) {
  inventoryChanged(vendorId: $vendorId, skus: $skus) { productId locationId vendorId sku before after source occurredAt }
}`;

/** Subscribes over graphql-transport-ws; credentials in the init payload. */
export function subscribeWs(url: string, query: string, variables: Record<string, unknown>, connectionParams: Record<string, unknown>): Received & { client: Client } {
  const received: Received & { client?: Client } = { events: [], errors: [], completed: false, closed: null, stop: () => undefined };
  const client = createWsClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => (received.closed = { code: (event as { code: number }).code, reason: (event as { reason: string }).reason }) },
  });
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...result.errors);
        if (result.data) received.events.push((result.data as { inventoryChanged: Record<string, unknown> }).inventoryChanged);
      },
      error: (error) => received.errors.push(error),
      complete: () => (received.completed = true),
    },
  );
  received.stop = () => {
    dispose();
    void client.dispose();
  };
  received.client = client;
  return received as Received & { client: Client };
}

/** Subscribes over GraphQL-over-SSE (distinct connections); credentials as headers. */
export function subscribeSse(gatewayUrl: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Received {
  const received: Received = { events: [], errors: [], completed: false, closed: null, stop: () => undefined };
  const client = createSseClient({ url: `${gatewayUrl}/graphql/stream`, headers, retryAttempts: 0, singleConnection: false });
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...result.errors);
        if (result.data) received.events.push((result.data as { inventoryChanged: Record<string, unknown> }).inventoryChanged);
      },
      error: (error) => received.errors.push(error),
      complete: () => (received.completed = true),
    },
  );
  received.stop = () => {
    dispose();
    client.dispose();
  };
  return received;
}

/** Resolves once the subscription is on the bus (one more listener than before). */
export async function listening(rig: RealtimeRig, count: number): Promise<void> {
  const bus = rig.gateway.services.realtime.bus as unknown as { listenerCount: number };
  const deadline = Date.now() + 5_000;
  // The invalidation listener is always there: subscriptions come on top of it.
  while (bus.listenerCount < count + 1) {
    if (Date.now() > deadline) throw new Error(`expected ${count} subscribers on the bus, have ${bus.listenerCount - 1}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits for an assertion about asynchronously delivered events (a shared machine can be slow). */
export function eventually(assertion: () => void): Promise<void> {
  return vi.waitFor(assertion, { timeout: 8_000, interval: 20 });
}

/** Resolves once every subscription has left the bus (stopped subscribers must not linger). */
export async function noSubscribers(rig: RealtimeRig): Promise<void> {
  const bus = rig.gateway.services.realtime.bus as unknown as { listenerCount: number };
  await eventually(() => expect(bus.listenerCount).toBe(1));
}
