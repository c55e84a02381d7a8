import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

/**
 * Identical listings asked at the same time are read from the vendor once (cache.listingSingleFlight,
 * on by default). Every simulator answers after 60 ms, so the five requests overlap.
 */
const PAGE = `{ products(vendorId: "demo-woo", first: 10) { nodes { id sku inventoryLevels { available } } } }`;
const OTHER_PAGE = `{ products(vendorId: "demo-woo", first: 12) { nodes { id } } }`;
let demo: DemoGateway;

beforeAll(async () => {
  demo = await startDemoGateway({ faults: { latencyMs: 60 } });
});

afterAll(async () => {
  await demo?.close();
});

async function post(query: string): Promise<{ data?: { products: { nodes: Array<{ id: string }> } }; errors?: unknown }> {
  const response = await fetch(`${demo.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: { products: { nodes: Array<{ id: string }> } }; errors?: unknown };
}

const productPages = () => demo.sandbox.servers['demo-woo']?.count((entry) => entry.operation === 'GET /products') ?? -1;

describe('concurrent identical listings', () => {
  it('five at once cost one WooCommerce page read, and every client gets the same ten products', async () => {
    await post(PAGE); // warm: connections open
    demo.resetCounts();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(PAGE)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const ids = answers.map((answer) => answer.data?.products.nodes.map((node) => node.id));
    expect(ids[0]).toHaveLength(10);
    for (const other of ids) expect(other).toEqual(ids[0]);
    expect(productPages()).toBe(1);
  });

  it('a different page is its own read, and one after the other each asks the vendor (no listing TTL by default)', async () => {
    demo.resetCounts();
    await Promise.all([post(PAGE), post(OTHER_PAGE)]);
    expect(productPages()).toBe(2);
    await post(PAGE);
    expect(productPages()).toBe(3);
  });
});
