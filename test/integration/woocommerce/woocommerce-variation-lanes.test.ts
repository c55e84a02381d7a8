import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variationLanes } from '../../../src/vendors/woocommerce/woocommerce-listing.ts';
import pino from 'pino';
import { startDemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { startGateway } from '../../../src/server/start-gateway.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

/**
 * A WooCommerce page of 100 SKUs on the demo shop holds variable products, whose variations are
 * one request per parent. They are read as many at a time as the vendor's bulkhead admits
 * (WooCommerce default: 6), never more. Every simulator answers after 40 ms, so overlaps are plain.
 */
let demo: DemoGateway;

beforeAll(async () => {
  demo = await startDemoGateway({ faults: { latencyMs: 40 } });
});

afterAll(async () => {
  await demo?.close();
});

/** The most requests of `entries` that were open at one moment. */
function mostAtOnce(entries: ReadonlyArray<{ receivedAt: number; answeredAt: number }>): number {
  const events = entries.flatMap((entry) => [
    { at: entry.receivedAt, delta: 1 },
    { at: entry.answeredAt, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let most = 0;
  for (const event of events) {
    open += event.delta;
    most = Math.max(most, open);
  }
  return most;
}

describe('variation lists of a WooCommerce catalog page', () => {
  it('are read six at a time, the default bulkhead', async () => {
    demo.resetCounts();
    const response = await fetch(`${demo.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ products(vendorId: "demo-woo", first: 100) { nodes { id } } }' }),
    });
    const body = (await response.json()) as { data: { products: { nodes: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.products.nodes).toHaveLength(100);
    const variations = demo.sandbox.servers['demo-woo']?.requestLog.filter((entry) => entry.operation === 'GET /products/{id}/variations') ?? [];
    expect(variations.length).toBeGreaterThan(6);
    expect(mostAtOnce(variations)).toBe(6);
  });

  it('follow the configured bulkhead, up to the 16 connections of the vendor pool', () => {
    expect([1, 6, 16, 256].map(variationLanes)).toEqual([1, 6, 16, 16]);
  });
});

describe('a request that reads 16 variation lists at once (bulkhead raised to the pool size)', () => {
  it('listens on its abort signal once per open call without Node printing a MaxListenersExceededWarning for it', async () => {
    const sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' }, { faults: { latencyMs: 40 } });
    const wide = { bulkhead: { maxConcurrent: 16, maxQueue: 64 } };
    const config = { ...sandbox.config, vendors: sandbox.config.vendors.map((vendor) => (vendor.platform === 'woocommerce' ? { ...vendor, resilience: { ...vendor.resilience, ...wide } } : vendor)) };
    const gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), purchaseOrders: sandbox.purchaseOrders });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ products(vendorId: "demo-woo", first: 100) { nodes { id inventoryLevels { available } } } }' }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      const variations = sandbox.servers['demo-woo']?.requestLog.filter((entry) => entry.operation === 'GET /products/{id}/variations') ?? [];
      expect(mostAtOnce(variations)).toBeGreaterThan(10);
      // Node emits a warning on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
      await gateway.close();
      await sandbox.close();
    }
    expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });
});
