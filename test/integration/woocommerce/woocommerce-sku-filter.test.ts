import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { startWooCommerceSimulator, type WooCommerceSimulator } from '../../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import { createWooCommerceSource, type WooCommerceSource } from '../../../src/vendors/woocommerce/woocommerce-source.ts';
import { testCallContext } from '../../support/call-context.ts';

/**
 * WooCommerce's `sku` filter takes a comma list of any length; `per_page` (≤ 100) bounds the
 * result, not the filter (#21.2). productsBySku sends one filter for as many SKUs as fit a safe
 * URL and pages the result, instead of one filter per 100 SKUs. The simulator answers a request
 * line over Apache's LimitRequestLine (8,190 bytes) with 414, as a real site does.
 */
let sim: WooCommerceSimulator;
let woo: WooCommerceSource;
const ctx = testCallContext();

beforeAll(async () => {
  sim = await startWooCommerceSimulator();
  woo = createWooCommerceSource(
    { platform: 'woocommerce', id: 'acme-woo', name: 'ACME Woo', baseUrl: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret, queryStringAuth: false, currencyCode: 'EUR' },
    { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }) },
  );
});
beforeEach(() => sim.server.clearLog());
afterAll(async () => {
  await woo.close();
  await sim.close();
});

const simpleSkus = (count: number) =>
  [...sim.catalog.products.values()].filter((item) => item.type === 'simple' && item.sku && item.status !== 'trash').slice(0, count).map((item) => item.sku);

describe('WooCommerce productsBySku', () => {
  it('finds 120 SKUs in 2 requests: one filter, its result paged 100 + 20', async () => {
    const skus = simpleSkus(120);
    const found = (await woo.productsBySkus(ctx, skus)) as StandardProduct[][];
    expect(found.map((list) => list[0]?.sku)).toEqual(skus);
    expect(sim.server.count(() => true)).toBe(2);
    const queries = sim.server.requestLog.map((entry) => new URLSearchParams(entry.query));
    expect(queries.map((query) => query.get('page'))).toEqual(['1', '2']);
    expect(queries.every((query) => query.get('sku')?.split(',').length === 120)).toBe(true);
  });

  it('splits the filter where the URL would pass 6,000 encoded characters, and never draws a 414', async () => {
    const skus = [...simpleSkus(40), ...Array.from({ length: 600 }, (_, index) => `NO-SUCH-SKU-${String(index).padStart(4, '0')}`)];
    const found = (await woo.productsBySkus(ctx, skus)) as StandardProduct[][];
    expect(found.slice(0, 40).map((list) => list[0]?.sku)).toEqual(skus.slice(0, 40));
    expect(found.slice(40).every((list) => list.length === 0)).toBe(true);
    const lines = sim.server.requestLog.map((entry) => `GET ${entry.path}${entry.query} HTTP/1.1`.length);
    expect(sim.server.requestLog).toHaveLength(2);
    for (const length of lines) expect(length).toBeLessThan(8_190);
  });

  it('is answered 414 by the simulator above 8,190 bytes of request line, like Apache', async () => {
    const response = await fetch(`${sim.url}/wp-json/wc/v3/products?sku=${'A'.repeat(8_200)}`, {
      headers: { authorization: `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}` },
    });
    expect(response.status).toBe(414);
    expect(await response.text()).toContain('Request-URI Too Long');
  });
});
