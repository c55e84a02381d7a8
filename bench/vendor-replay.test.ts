import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../src/config/load-config.ts';
import { VENDOR_POOL_CONNECTIONS } from '../src/vendors/http/vendor-http-client.ts';
import { replayPlan, runReplay, type LoggedRequest } from './vendor-replay.ts';

const config = validateConfig(
  {
    environment: 'development',
    vendors: [
      { id: 'shop', name: 'Shop', platform: 'shopify', shopDomain: 'shop.myshopify.com', accessToken: 'shpat_test', endpoint: 'http://127.0.0.1:1' },
      { id: 'woo', name: 'Woo', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:2', consumerKey: 'ck_test', consumerSecret: 'cs_test' },
    ],
  },
  {},
  'test',
  true,
);
const urls = { shop: 'http://127.0.0.1:1', woo: 'http://127.0.0.1:2' };
const logged = (vendorId: string, receivedAt: number, answeredAt: number): LoggedRequest => ({
  vendorId,
  method: vendorId === 'shop' ? 'POST' : 'GET',
  path: vendorId === 'shop' ? '/admin/api/2026-07/graphql.json' : '/wp-json/wc/v3/products',
  query: vendorId === 'shop' ? '' : '?sku=A,B',
  body: vendorId === 'shop' ? { query: '{ shop { name } }' } : undefined,
  receivedAt,
  answeredAt,
});

describe('replaying one operation\'s upstream requests', () => {
  it('requests that overlapped in time form one stage; a request sent after they all answered starts the next', () => {
    const plan = replayPlan([logged('woo', 0, 25), logged('shop', 1, 30), logged('shop', 31, 55)], config.vendors, urls);
    expect(plan?.stages.map((stage) => stage.length)).toEqual([2, 1]);
    expect(plan?.description).toBe('woo ×1 ∥ shop ×1 → shop ×1');
    expect(plan?.requests).toBe(3);
  });

  it('sends each request as the gateway did, with the vendor\'s own credentials', () => {
    const plan = replayPlan([logged('shop', 0, 10), logged('woo', 0, 10)], config.vendors, urls);
    const [shop, woo] = plan?.stages[0] ?? [];
    expect(shop).toMatchObject({ origin: 'http://127.0.0.1:1', method: 'POST', path: '/admin/api/2026-07/graphql.json', body: '{"query":"{ shop { name } }"}' });
    expect(shop?.headers).toMatchObject({ 'x-shopify-access-token': 'shpat_test', 'content-type': 'application/json' });
    expect(woo).toMatchObject({ method: 'GET', path: '/wp-json/wc/v3/products?sku=A,B', body: undefined });
    expect(woo?.headers.authorization).toBe(`Basic ${Buffer.from('ck_test:cs_test').toString('base64')}`);
  });

  it('an operation served without upstream requests has nothing to replay', () => {
    expect(replayPlan([], config.vendors, urls)).toBeNull();
  });

  it('sends a stage in parallel over as many keep-alive connections as the gateway\'s pool has, and does not count the warm-up', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let received = 0;
    const sockets = new Set<unknown>();
    const server = createServer((request, response) => {
      sockets.add(request.socket);
      received++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        response.end('[]');
      }, 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    try {
      const stage = Array.from({ length: 19 }, (_, index) => logged('woo', 100 + index, 130));
      const plan = replayPlan([logged('woo', 0, 25), ...stage], config.vendors, { ...urls, woo: origin });
      expect(plan?.description).toBe('woo ×1 → woo ×19');
      if (!plan) throw new Error('no plan');
      const result = await runReplay(plan, { connections: 1, amount: 3, warmUp: 2 });
      expect(result.completed).toBe(3);
      expect(received).toBe(5 * 20);
      expect(maxInFlight).toBe(VENDOR_POOL_CONNECTIONS);
      expect(sockets.size).toBe(VENDOR_POOL_CONNECTIONS);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
