import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFixture, type BenchFixture } from '../../../bench/bench-fixture.ts';
import { startNaiveGateway, type BenchServer } from '../../../bench/naive/start-naive-gateway.ts';
import { buildScenarios } from '../../../bench/scenarios.ts';
import { clearUpstream, countUpstream, perOperation } from '../../../bench/upstream-counts.ts';
import { startDemoSandbox, type DemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { startGateway } from '../../../src/server/start-gateway.ts';

/**
 * The bench in miniature: every scenario a few times against the gateway and the naive baseline
 * over the demo simulators (no latency), asserting upstream request COUNTS per operation only.
 */
const REQUESTS = 2;
let sandbox: DemoSandbox;
let gateway: BenchServer;
let naive: BenchServer;
let fixture: BenchFixture;

/** Empties the gateway's shared read cache, so a count shows a cold request's upstream cost. */
let clearGatewayCache: () => Promise<void> = async () => {};

beforeAll(async () => {
  sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
  const logger = pino({ level: 'silent' });
  const running = await startGateway(sandbox.config, { port: 0, host: '127.0.0.1', logger, purchaseOrders: sandbox.purchaseOrders });
  gateway = { url: running.url, close: () => running.close() };
  clearGatewayCache = async () => {
    await running.services.cache.deleteByPrefix('');
  };
  naive = await startNaiveGateway(sandbox.config, logger);
  fixture = await discoverFixture(gateway.url, sandbox.config);
});

afterAll(async () => {
  await gateway?.close();
  await naive?.close();
  await sandbox?.close();
});

/** Upstream requests per operation of `REQUESTS` sequential runs of a scenario. */
async function upstreamPerOp(server: BenchServer, name: string): Promise<{ total: number; byVendor: Record<string, number>; errors: string[] }> {
  const scenario = buildScenarios(fixture, `smoke-${server.url}`).find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  const send = (sequence: number) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: scenario.body(sequence) });
  await (await send(REQUESTS)).json(); // warm-up, not counted: once-per-process reads (shop facts, locations)
  clearUpstream(sandbox.servers);
  const errors: string[] = [];
  for (let sequence = 0; sequence < REQUESTS; sequence++) {
    if (server === gateway) await clearGatewayCache();
    const response = await send(sequence);
    const body = (await response.json()) as { errors?: Array<{ message: string }> };
    errors.push(...(body.errors ?? []).map((error) => error.message));
  }
  const counts = perOperation(countUpstream(sandbox.servers), REQUESTS);
  return { total: counts.total, byVendor: { ...counts.byVendor }, errors };
}

describe('bench scenarios (smoke)', () => {
  it('discovers every demo vendor, 50 lookup SKUs and a hot product', () => {
    expect(fixture.vendors.map((vendor) => vendor.id)).toEqual(sandbox.config.vendors.map((vendor) => vendor.id));
    expect(fixture.lookupSkus).toHaveLength(50);
    expect(new Set(fixture.lookupSkus).size).toBe(50);
    expect(fixture.hotProductId).toBeTruthy();
  });

  // Gateway first: the naive baseline's fan-out drains Shopify's bucket and leaves THROTTLED
  // siblings in flight after its answer, which would bleed into the next count.
  it('gateway, catalog page: stock comes with the (cost-capped) Shopify pages', async () => {
    const gw = await upstreamPerOp(gateway, 'catalog');
    expect(gw.errors).toEqual([]);
    expect(gw.byVendor).toMatchObject({ 'demo-shopify': 2 });
    expect(gw.total).toBe(2);
  });

  it('gateway, productsBySku: one batched lookup per vendor, plus one levels batch where stock is separate', async () => {
    const gw = await upstreamPerOp(gateway, 'productsBySku');
    expect(gw.errors).toEqual([]);
    expect(gw.byVendor).toEqual({ 'demo-shopify': 2, 'demo-woo': 2, 'demo-magento': 2, dropship: 1 });
  });

  it('gateway, hot product(id): one upstream read cold, none while the read cache holds it', async () => {
    const cold = await upstreamPerOp(gateway, 'hotProduct');
    expect(cold.errors).toEqual([]);
    expect(cold.total).toBe(1);
    const scenario = buildScenarios(fixture, 'smoke-hot').find((candidate) => candidate.name === 'hotProduct')!;
    const send = () => fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: scenario.body(0) });
    await (await send()).json();
    clearUpstream(sandbox.servers);
    for (let index = 0; index < REQUESTS; index += 1) await (await send()).json();
    expect(perOperation(countUpstream(sandbox.servers), REQUESTS).total).toBe(0);
  });

  it('setInventoryQuantities: the write scenario runs (the mutation is in the schema)', async () => {
    const scenario = buildScenarios(fixture, 'smoke').find((candidate) => candidate.name === 'setInventory');
    expect(scenario?.skipped).toBeFalsy();
    const gw = await upstreamPerOp(gateway, 'setInventory');
    expect(gw.errors).toEqual([]);
    expect(gw.total).toBeGreaterThan(0);
  });

  it('naive baseline: one upstream request per key and per product, far above the gateway', async () => {
    const hot = await upstreamPerOp(naive, 'hotProduct');
    expect(hot.total).toBe(1);
    const bySku = await upstreamPerOp(naive, 'productsBySku');
    // Every vendor is asked for each of the 50 SKUs separately (Shopify may throttle some levels reads).
    expect(bySku.total).toBeGreaterThanOrEqual(50 * fixture.vendors.length);
    const catalog = await upstreamPerOp(naive, 'catalog');
    expect(catalog.total).toBeGreaterThan(50);
  });
});
