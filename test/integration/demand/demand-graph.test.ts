import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitsSeries } from '../../../src/demand/demand-history.ts';
import { SEASON_PERIOD } from '../../../src/demand/forecast-service.ts';
import { DEFAULT_PLANNING } from '../../../src/config/planning-config.ts';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import { METHOD_NAMES, reorderPolicy } from '../../../src/forecast/index.ts';
import picomatch from 'picomatch';
import { DEMO_SUPPLIERS, startDemoSandbox, type DemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';
import { postGraphQL } from '../../support/graphql-client.ts';

/**
 * Forecasts, reorder suggestions, vendor performance and inventory analytics through the demo
 * graph (four simulators over HTTP). Two gateways share the simulators: one with every flag on,
 * one with the four planning flags off.
 */
let sandbox: DemoSandbox;
let on: RunningGateway;
let off: RunningGateway;
let flagsDir: string;

const PLANNING_FLAGS = [FeatureFlag.DEMAND_FORECASTING, FeatureFlag.AUTO_REORDER, FeatureFlag.VENDOR_PERFORMANCE_TRACKING, FeatureFlag.ADVANCED_ANALYTICS];

async function flagsFile(name: string, disabled: readonly string[]): Promise<string> {
  const features = Object.fromEntries(Object.values(FeatureFlag).map((flag) => [flag, { defaultValue: !disabled.includes(flag) }]));
  const path = join(flagsDir, name);
  await writeFile(path, JSON.stringify({ features }));
  return path;
}

beforeAll(async () => {
  flagsDir = await mkdtemp(join(tmpdir(), 'stockgraph-demand-'));
  sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
  const logger = pino({ level: 'silent' });
  on = await startGateway({ ...sandbox.config, flags: { file: await flagsFile('on.json', [FeatureFlag.DEBUG_MODE]) } }, { port: 0, host: '127.0.0.1', logger, purchaseOrders: sandbox.purchaseOrders });
  off = await startGateway({ ...sandbox.config, flags: { file: await flagsFile('off.json', [...PLANNING_FLAGS, FeatureFlag.DEBUG_MODE]) } }, { port: 0, host: '127.0.0.1', logger, purchaseOrders: sandbox.purchaseOrders });
}, 60_000);

afterAll(async () => {
  await on?.close();
  await off?.close();
  await sandbox?.close();
  await rm(flagsDir, { recursive: true, force: true });
});

const today = () => new Date().toISOString().slice(0, 10);

/** Demo mode configures suppliers for every demo SKU pattern: a SKU plans with its supplier's configured lead time (no receipts measured in a fresh store). */
function demoSupplierOf(sku: string): (typeof DEMO_SUPPLIERS)[number] {
  const supplier = DEMO_SUPPLIERS.find((candidate) => picomatch.isMatch(sku, [...candidate.skus]));
  if (!supplier) throw new Error(`no demo supplier covers ${sku}`);
  return supplier;
}

interface ForecastShape {
  sku: string;
  vendorId: string;
  method: string;
  horizonDays: number;
  intervalLevel: number;
  points: Array<{ date: string; mean: number; lower: number; upper: number }>;
  backtest: { mase: number | null; windows: number };
  safetyStock: number;
  reorderPoint: number;
  leadTimeDays: number;
  generatedAt: string;
}

const FORECAST_FIELDS = 'sku vendorId method horizonDays intervalLevel points { date mean lower upper } backtest { mase windows } safetyStock reorderPoint leadTimeDays generatedAt';

describe('forecasts', () => {
  it.each(['demo-shopify', 'demo-woo', 'demo-magento', 'dropship'])('forecast(sku, %s) answers daily points from today with an 80 percent interval', async (vendorId) => {
    const response = await postGraphQL<{ forecast: ForecastShape }>(on.url, `query($v: ID!) { forecast(sku: "SG-1003", vendorId: $v, horizonDays: 14) { ${FORECAST_FIELDS} } }`, { v: vendorId });
    expect(response.errors).toBeUndefined();
    const forecast = response.data!.forecast;
    // The SKU's supplier lead time (Northwind Supply, 5 days), as its reorder suggestion uses — not the vendor's planning default.
    expect(demoSupplierOf('SG-1003').leadTimeDays).not.toBe(DEFAULT_PLANNING.leadTimeDays);
    expect(forecast).toMatchObject({ sku: 'SG-1003', vendorId, horizonDays: 14, intervalLevel: 0.8, leadTimeDays: demoSupplierOf('SG-1003').leadTimeDays });
    expect(METHOD_NAMES).toContain(forecast.method);
    expect(forecast.points).toHaveLength(14);
    expect(forecast.points[0]!.date).toBe(today());
    for (const point of forecast.points) {
      expect(point.mean).toBeGreaterThanOrEqual(0);
      expect(point.lower).toBeLessThanOrEqual(point.upper);
    }
    expect(forecast.backtest.windows).toBeGreaterThanOrEqual(1);
    expect(forecast.reorderPoint).toBeGreaterThanOrEqual(forecast.safetyStock);
    expect(Date.parse(forecast.generatedAt)).not.toBeNaN();
  }, 60_000);

  it('plans safety stock and reorder point with the same supplier lead time as the SKU\'s reorder suggestion', async () => {
    const response = await postGraphQL<{ forecast: ForecastShape; reorderSuggestions: Array<{ sku: string; safetyStock: number; reorderPoint: number; leadTimeDays: number }> }>(
      on.url,
      '{ forecast(sku: "SG-1003", vendorId: "demo-magento", horizonDays: 7) { safetyStock reorderPoint leadTimeDays } reorderSuggestions(vendorId: "demo-magento") { sku safetyStock reorderPoint leadTimeDays } }',
    );
    expect(response.errors).toBeUndefined();
    const suggestion = response.data!.reorderSuggestions.find((candidate) => candidate.sku === 'SG-1003')!;
    expect(suggestion.leadTimeDays).toBe(demoSupplierOf('SG-1003').leadTimeDays);
    expect(response.data!.forecast).toEqual({ safetyStock: suggestion.safetyStock, reorderPoint: suggestion.reorderPoint, leadTimeDays: suggestion.leadTimeDays });
  }, 60_000);

  it('StandardizedProduct.forecast and .analytics answer for the product\'s own SKU and vendor', async () => {
    const response = await postGraphQL<{ productsBySku: Array<{ vendorId: string; forecast: ForecastShape; analytics: { sku: string; vendorId: string } }> }>(
      on.url,
      `{ productsBySku(skus: ["SG-1010"]) { vendorId forecast(horizonDays: 7) { sku vendorId horizonDays points { date } } analytics { sku vendorId demandClass abcClass } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.productsBySku).toHaveLength(4);
    for (const product of response.data!.productsBySku) {
      expect(product.forecast).toMatchObject({ sku: 'SG-1010', vendorId: product.vendorId, horizonDays: 7 });
      expect(product.analytics).toMatchObject({ sku: 'SG-1010', vendorId: product.vendorId });
    }
  }, 60_000);

  it('answers null for a SKU the vendor does not carry, and BAD_USER_INPUT for a horizon out of range', async () => {
    const missing = await postGraphQL<{ forecast: unknown }>(on.url, '{ forecast(sku: "NOPE-1", vendorId: "demo-magento") { sku } }');
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.forecast).toBeNull();
    const bad = await postGraphQL(on.url, '{ forecast(sku: "SG-1000", vendorId: "demo-magento", horizonDays: 0) { sku } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 60_000);
});

interface SuggestionShape {
  sku: string;
  available: number | null;
  needsReorder: boolean;
  suggestedQuantity: number;
  quantityBasis: string;
  serviceLevel: number;
  z: number;
  meanDailyDemand: number;
  sigma: number;
  safetyStock: number;
  reorderPoint: number;
  empiricalReorderPoint: number;
  daysOfCover: number | null;
  coverDaysQuantity: number | null;
  method: string;
  demandClass: string;
  supplier: { id: string } | null;
  leadTimeSource: string;
  leadTimeDays: number;
}

describe('reorder suggestions', () => {
  it('match the engine\'s reorderPolicy for the same history, stock and service level, most urgent first', async () => {
    const response = await postGraphQL<{ reorderSuggestions: SuggestionShape[] }>(
      on.url,
      '{ reorderSuggestions(vendorId: "demo-magento", serviceLevel: 0.9) { sku available needsReorder suggestedQuantity quantityBasis serviceLevel z meanDailyDemand sigma safetyStock reorderPoint empiricalReorderPoint daysOfCover coverDaysQuantity method demandClass supplier { id } leadTimeSource leadTimeDays } }',
    );
    expect(response.errors).toBeUndefined();
    const suggestions = response.data!.reorderSuggestions;
    expect(suggestions.length).toBeGreaterThan(30);
    const history = (await on.services.demand.history.history('demo-magento'))!;
    // The demo order history sells the shared SG- SKUs: every suggestion is Northwind Supply's.
    expect(new Set(suggestions.map((suggestion) => suggestion.supplier?.id))).toEqual(new Set(['northwind-supply']));
    for (const suggestion of suggestions) {
      const supplier = demoSupplierOf(suggestion.sku);
      expect(suggestion).toMatchObject({ supplier: { id: supplier.id }, leadTimeSource: 'CONFIGURED', leadTimeDays: supplier.leadTimeDays });
      const policy = reorderPolicy({
        history: unitsSeries(history, suggestion.sku),
        leadTimeDays: supplier.leadTimeDays,
        leadTimeStdDays: supplier.leadTimeStdDays,
        serviceLevel: 0.9,
        seasonPeriod: SEASON_PERIOD,
        ...(suggestion.available === null ? {} : { currentStock: suggestion.available }),
        coverDays: DEFAULT_PLANNING.coverDays,
      });
      expect(suggestion).toMatchObject({
        serviceLevel: 0.9,
        z: policy.z,
        meanDailyDemand: policy.meanDemand,
        sigma: policy.sigma,
        safetyStock: policy.safetyStock,
        reorderPoint: policy.reorderPoint,
        empiricalReorderPoint: policy.empiricalReorderPoint,
        daysOfCover: policy.daysOfCover,
        coverDaysQuantity: policy.coverDaysOrderQuantity,
        method: policy.method,
        quantityBasis: 'COVER_DAYS',
      });
      expect(suggestion.z).toBeCloseTo(1.2816, 3);
      expect(suggestion.needsReorder).toBe(suggestion.available !== null && suggestion.available <= policy.reorderPoint);
      expect(suggestion.suggestedQuantity).toBe(suggestion.needsReorder ? Math.ceil(Math.max(policy.coverDaysOrderQuantity!, policy.reorderPoint - suggestion.available!)) : 0);
    }
    const firstCalm = suggestions.findIndex((suggestion) => !suggestion.needsReorder);
    if (firstCalm >= 0) expect(suggestions.slice(firstCalm).every((suggestion) => !suggestion.needsReorder)).toBe(true);
  }, 60_000);
});

describe('purchasing in demo mode', () => {
  it('drafts every due SKU to a configured demo supplier: nothing comes back unassigned', async () => {
    const response = await postGraphQL<{ createPurchaseOrderDrafts: { purchaseOrders: Array<{ supplier: { id: string }; status: string; lines: Array<{ sku: string }> }>; unassigned: Array<{ sku: string }> } }>(
      on.url,
      'mutation { createPurchaseOrderDrafts(input: { idempotencyKey: "demo-loop" }) { purchaseOrders { supplier { id } status lines { sku } } unassigned { sku } } }',
    );
    expect(response.errors).toBeUndefined();
    const payload = response.data!.createPurchaseOrderDrafts;
    expect(payload.unassigned).toEqual([]);
    expect(payload.purchaseOrders.length).toBeGreaterThan(0);
    for (const order of payload.purchaseOrders) {
      expect(order.status).toBe('DRAFT');
      for (const line of order.lines) expect(demoSupplierOf(line.sku).id).toBe(order.supplier.id);
    }
  }, 60_000);
});

describe('vendor performance', () => {
  it('reports lead time, fill rate and on-time rate from purchase orders, and API reliability from health', async () => {
    const response = await postGraphQL<{ vendors: Array<{ id: string; performance: Record<string, number | null> }> }>(
      on.url,
      '{ vendors { id performance { windowDays purchaseOrders receivedOrders leadTimeMeanDays leadTimeP90Days fillRate onTimeRate apiErrorRate apiLatencyP95Ms } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.vendors).toHaveLength(4);
    for (const { performance } of response.data!.vendors) {
      expect(performance.windowDays).toBe(365);
      expect(performance.purchaseOrders).toBeGreaterThan(50);
      expect(performance.leadTimeP90Days!).toBeGreaterThanOrEqual(performance.leadTimeMeanDays! * 0.8);
      for (const rate of [performance.fillRate, performance.onTimeRate, performance.apiErrorRate]) {
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('inventory analytics', () => {
  it('lists demand class, ABC class, days of cover and stock-out risk, sorted and cut to `first`', async () => {
    const response = await postGraphQL<{ inventoryAnalytics: Array<{ sku: string; demandClass: string; abcClass: string; revenue: { amount: string; currencyCode: string }; stockoutProbability: number | null; daysOfCover: number | null; adi: number | null; cv2: number | null; leadTimeDays: number }> }>(
      on.url,
      '{ inventoryAnalytics(vendorId: "dropship", sortBy: STOCKOUT_RISK, first: 10) { sku demandClass adi cv2 abcClass revenue { amount currencyCode } revenueShare unitsSold historyDays available forecastDailyDemand daysOfCover stockoutProbability leadTimeDays } }',
    );
    expect(response.errors).toBeUndefined();
    const rows = response.data!.inventoryAnalytics;
    expect(rows).toHaveLength(10);
    const risks = rows.map((row) => row.stockoutProbability ?? -1);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    for (const row of rows) {
      expect(['SMOOTH', 'INTERMITTENT', 'ERRATIC', 'LUMPY', 'NO_DEMAND']).toContain(row.demandClass);
      expect(['A', 'B', 'C']).toContain(row.abcClass);
      expect(row.revenue.amount).toMatch(/^\d+\.\d{2}$/);
      expect(row.revenue.currencyCode).toBe('USD');
      // Planned with the SKU's supplier lead time, as its reorder suggestion is.
      expect(row.leadTimeDays).toBe(demoSupplierOf(row.sku).leadTimeDays);
    }
    const all = await postGraphQL<{ inventoryAnalytics: Array<{ abcClass: string }> }>(on.url, '{ inventoryAnalytics(vendorId: "dropship", sortBy: REVENUE, first: 500) { abcClass } }');
    const classes = all.data!.inventoryAnalytics.map((row) => row.abcClass);
    expect(classes[0]).toBe('A');
    expect(classes).toEqual([...classes].sort());
  }, 60_000);
});

describe('with the planning flags off', () => {
  it.each([
    ['forecast', '{ forecast(sku: "SG-1000", vendorId: "demo-woo") { sku } }', FeatureFlag.DEMAND_FORECASTING],
    ['StandardizedProduct.forecast', '{ productsBySku(skus: ["SG-1000"]) { forecast { sku } } }', FeatureFlag.DEMAND_FORECASTING],
    ['reorderSuggestions', '{ reorderSuggestions(vendorId: "demo-woo") { sku } }', FeatureFlag.AUTO_REORDER],
    ['Vendor.performance', '{ vendors { performance { fillRate } } }', FeatureFlag.VENDOR_PERFORMANCE_TRACKING],
    ['inventoryAnalytics', '{ inventoryAnalytics(vendorId: "demo-woo") { sku } }', FeatureFlag.ADVANCED_ANALYTICS],
    ['StandardizedProduct.analytics', '{ productsBySku(skus: ["SG-1000"]) { analytics { sku } } }', FeatureFlag.ADVANCED_ANALYTICS],
  ])('%s answers FEATURE_DISABLED and reads no orders', async (_name, query, flag) => {
    const ordersBefore = Object.values(sandbox.servers).reduce((sum, server) => sum + server.count((entry) => /orders|Order/.test(entry.operation)), 0);
    const response = await postGraphQL(off.url, query);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FEATURE_DISABLED', flag });
    const ordersAfter = Object.values(sandbox.servers).reduce((sum, server) => sum + server.count((entry) => /orders|Order/.test(entry.operation)), 0);
    expect(ordersAfter).toBe(ordersBefore);
  });
});
