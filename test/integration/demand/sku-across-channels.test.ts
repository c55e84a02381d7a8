import { planningFor } from '../../../src/config/planning-config.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import { METHOD_NAMES } from '../../../src/forecast/index.ts';
import { startDemoSandbox, type DemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';
import { postGraphQL } from '../../support/graphql-client.ts';

/** `sku(code)` (one SKU summed over every vendor) and `forecastFromHistory` through the demo graph. */
let sandbox: DemoSandbox;
let on: RunningGateway;
let off: RunningGateway;
let flagsDir: string;

async function flagsFile(name: string, disabled: readonly string[]): Promise<string> {
  const features = Object.fromEntries(Object.values(FeatureFlag).map((flag) => [flag, { defaultValue: !disabled.includes(flag) }]));
  const path = join(flagsDir, name);
  await writeFile(path, JSON.stringify({ features }));
  return path;
}

beforeAll(async () => {
  flagsDir = await mkdtemp(join(tmpdir(), 'stockgraph-sku-'));
  sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
  const logger = pino({ level: 'silent' });
  on = await startGateway({ ...sandbox.config, flags: { file: await flagsFile('on.json', [FeatureFlag.DEBUG_MODE]) } }, { port: 0, host: '127.0.0.1', logger, purchaseOrders: sandbox.purchaseOrders });
  off = await startGateway({ ...sandbox.config, flags: { file: await flagsFile('off.json', [FeatureFlag.DEMAND_FORECASTING, FeatureFlag.DEBUG_MODE]) } }, { port: 0, host: '127.0.0.1', logger, purchaseOrders: sandbox.purchaseOrders });
}, 60_000);

afterAll(async () => {
  await on?.close();
  await off?.close();
  await sandbox?.close();
  await rm(flagsDir, { recursive: true, force: true });
});

const days = (n: number, from = '2025-01-01'): string[] => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
const weekly = (n: number): number[] => Array.from({ length: n }, (_, i) => [3, 4, 4, 5, 7, 9, 6][i % 7]! + (i % 3));

describe('sku(code): one SKU across channels', () => {
  it('sums stock over every vendor selling the SKU and gives one forecast and one reorder suggestion', async () => {
    const response = await postGraphQL<{
      sku: { sku: string; products: Array<{ vendorId: string }>; totalAvailable: number; demand: { last30Days: number }; forecast: { method: string; horizonDays: number; points: Array<{ mean: number; lower: number; upper: number }> }; reorder: { reorderPoint: number; safetyStock: number; available: number; leadTimeDays: number } };
      productsBySku: Array<{ vendorId: string; totalAvailable: number | null; analytics: { unitsSold: number } | null }>;
    }>(
      on.url,
      `{ sku(code: "SG-1003") { sku products { vendorId } totalAvailable demand { last30Days } forecast(horizonDays: 14) { method horizonDays points { mean lower upper } } reorder { available reorderPoint safetyStock leadTimeDays } }
         productsBySku(skus: ["SG-1003"]) { vendorId totalAvailable analytics { unitsSold } } }`,
    );
    expect(response.errors).toBeUndefined();
    const { sku, productsBySku } = response.data!;
    expect(sku.products.map((p) => p.vendorId).sort()).toEqual(productsBySku.map((p) => p.vendorId).sort());
    expect(sku.products.length).toBeGreaterThan(1);
    expect(sku.totalAvailable).toBe(productsBySku.reduce((sum, p) => sum + (p.totalAvailable ?? 0), 0));
    expect(sku.reorder.available).toBe(sku.totalAvailable);
    const unitsSold = productsBySku.reduce((sum, p) => sum + (p.analytics?.unitsSold ?? 0), 0);
    expect(sku.demand.last30Days).toBeGreaterThan(0);
    expect(sku.demand.last30Days).toBeLessThanOrEqual(unitsSold);
    expect(METHOD_NAMES).toContain(sku.forecast.method);
    expect(sku.forecast.points).toHaveLength(14);
    expect(sku.reorder.reorderPoint).toBeGreaterThanOrEqual(sku.reorder.safetyStock);
    // SG-* is bought from the demo's Northwind Supply (5 days), not at the vendors' planning lead time.
    const northwind = sandbox.config.suppliers.find((s) => s.skus.includes('SG-*'))!;
    const vendorLeadTimes = sku.products.map((p) => planningFor(sandbox.config.vendors, p.vendorId).leadTimeDays);
    expect(vendorLeadTimes).not.toContain(northwind.leadTimeDays);
    expect(sku.reorder.leadTimeDays).toBe(northwind.leadTimeDays);
  }, 60_000);

  it('is null for a SKU no vendor sells, and BAD_USER_INPUT for an empty code', async () => {
    const none = await postGraphQL<{ sku: null }>(on.url, '{ sku(code: "NO-SUCH-SKU") { sku } }');
    expect(none.errors).toBeUndefined();
    expect(none.data!.sku).toBeNull();
    const empty = await postGraphQL(on.url, '{ sku(code: " ") { sku } }');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  }, 60_000);
});

describe('forecastFromHistory', () => {
  const query = 'query($input: ForecastFromHistoryInput!) { forecastFromHistory(input: $input) { method demandClass horizonDays historyDays intervalLevel points { date mean lower upper } backtest { mase windows } } }';

  it('forecasts a caller\'s own series from the day after its last date', async () => {
    const dates = days(120);
    const history = dates.map((date, i) => ({ date, value: weekly(120)[i] }));
    const response = await postGraphQL<{ forecastFromHistory: { method: string; demandClass: string; horizonDays: number; historyDays: number; points: Array<{ date: string; mean: number; lower: number; upper: number }> } }>(on.url, query, { input: { history, horizonDays: 10, seasonPeriod: 7 } });
    expect(response.errors).toBeUndefined();
    const forecast = response.data!.forecastFromHistory;
    expect(forecast).toMatchObject({ horizonDays: 10, historyDays: 120, demandClass: 'SMOOTH' });
    expect(forecast.points.map((p) => p.date)).toEqual(days(10, '2025-05-01'));
    // The weekly shape is learned: day 124 (cycle peak, 9 units) above day 126 (cycle low, 3).
    const byDate = new Map(forecast.points.map((p) => [p.date, p.mean]));
    expect(byDate.get('2025-05-05')!).toBeGreaterThan(byDate.get('2025-05-07')! + 3);
  }, 60_000);

  it('takes known-future regressors covering history and horizon', async () => {
    const n = 140;
    const promo = Array.from({ length: n + 14 }, (_, i) => (i % 20 < 3 ? 1 : 0));
    const history = days(n).map((date, i) => ({ date, value: weekly(n)[i]! * (promo[i] ? 3 : 1) }));
    const response = await postGraphQL<{ forecastFromHistory: { points: Array<{ date: string; mean: number }> } }>(on.url, query, { input: { history, horizonDays: 14, regressors: [{ name: 'promo', values: promo }] } });
    expect(response.errors).toBeUndefined();
    expect(response.data!.forecastFromHistory.points).toHaveLength(14);
  }, 60_000);

  it.each([
    ['unsorted dates', { history: [{ date: '2025-01-02', value: 1 }, { date: '2025-01-01', value: 1 }] }, 'input.history[1].date', /comes before 2025-01-02/],
    ['a duplicate date', { history: [{ date: '2025-01-01', value: 1 }, { date: '2025-01-01', value: 2 }] }, 'input.history[1].date', /repeats/],
    ['a bad date', { history: [{ date: '2025-02-30', value: 1 }] }, 'input.history[0].date', /YYYY-MM-DD/],
    ['a negative value', { history: [{ date: '2025-01-01', value: -1 }] }, 'input.history[0].value', /≥ 0/],
    ['an empty history', { history: [] }, 'input.history', /at least one day/],
    ['a too long history', { history: [{ date: '2000-01-01', value: 1 }, { date: '2020-01-01', value: 1 }] }, 'input.history', /more than 3660 days/],
    ['a horizon of 0', { history: [{ date: '2025-01-01', value: 1 }], horizonDays: 0 }, 'input.horizonDays', /from 1 to 365/],
    ['a regressor of the wrong length', { history: [{ date: '2025-01-01', value: 1 }], horizonDays: 2, regressors: [{ name: 'promo', values: [0, 1] }] }, 'input.regressors[0].values', /must hold 3 values/],
    ['a regressor given twice', { history: [{ date: '2025-01-01', value: 1 }], horizonDays: 1, regressors: [{ name: 'p', values: [0, 1] }, { name: 'p', values: [0, 1] }] }, 'input.regressors[1].name', /given twice/],
  ])('answers BAD_USER_INPUT for %s', async (_name, input, field, message) => {
    const response = await postGraphQL(on.url, query, { input });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(response.data?.forecastFromHistory ?? null).toBeNull();
  });

  it('answers FEATURE_DISABLED with demand forecasting off, like the forecast field', async () => {
    for (const q of ['{ sku(code: "SG-1003") { sku } }', '{ forecastFromHistory(input: { history: [{ date: "2025-01-01", value: 1 }] }) { method } }']) {
      const response = await postGraphQL(off.url, q);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FEATURE_DISABLED', flag: FeatureFlag.DEMAND_FORECASTING });
    }
  });
});
