import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../../src/sandbox/simulator-server.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

/**
 * products(first: 100) with stock needs two Shopify pages (a query may ask for at most 1,000
 * cost points: 55 variants with levels at 3 locations). The first read follows the cursor; once
 * the boundary is known, the gateway asks for both pages at once. Every simulator answers after
 * 40 ms, so whether the second page was requested before the first was answered is unambiguous.
 */
const CATALOG = `{ products(first: 100) { nodes { sku inventoryLevels { locationId available } } pageInfo { endCursor } } }`;
let demo: DemoGateway;

beforeAll(async () => {
  demo = await startDemoGateway({ faults: { latencyMs: 40 } });
});

afterAll(async () => {
  await demo?.close();
});

async function catalog(): Promise<{ skus: string[]; pages: RequestLogEntry[] }> {
  demo.resetCounts();
  const response = await fetch(`${demo.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: CATALOG }) });
  const body = (await response.json()) as { data: { products: { nodes: Array<{ sku: string }> } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  const pages = demo.sandbox.servers['demo-shopify']?.requestLog.filter((entry) => entry.operation === 'ProductVariantsPageWithLevels') ?? [];
  return { skus: body.data.products.nodes.map((node) => node.sku), pages };
}

const afterOf = (entry: RequestLogEntry | undefined) => (entry?.body as { variables?: { after?: string | null } } | undefined)?.variables?.after ?? null;

describe('a catalog page that needs several Shopify pages', () => {
  it('the first time, page 2 is requested after page 1 answered, on its end cursor', async () => {
    const { skus, pages } = await catalog();
    expect(skus).toHaveLength(100);
    expect(pages).toHaveLength(2);
    const [first, second] = pages;
    expect(afterOf(first)).toBeNull();
    expect(afterOf(second)).not.toBeNull();
    expect(second!.receivedAt).toBeGreaterThanOrEqual(first!.answeredAt);
  });

  it('after that, both pages are requested at once and the answer is the same', async () => {
    const before = await catalog();
    const again = await catalog();
    expect(again.skus).toEqual(before.skus);
    expect(again.pages).toHaveLength(2);
    const [first, second] = [...again.pages].sort((a, b) => a.receivedAt - b.receivedAt);
    expect(afterOf(second)).toBe(afterOf(before.pages[1]));
    expect(second!.receivedAt).toBeLessThan(first!.answeredAt);
  });
});
