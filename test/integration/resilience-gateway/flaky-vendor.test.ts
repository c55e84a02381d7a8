import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultKind } from '../../../src/sandbox/fault-injection.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { HEALTH_QUERY, INSTANT_RETRIES, VENDOR, scrapeMetric, startResilienceGateway, type HealthView, type ResilienceGateway } from './resilience-gateway-test-kit.ts';

/**
 * 30% of Magento's answers are a 5xx. The fault seed is fixed and the queries run one after
 * another, so the same requests fail on every run (seed 99 never fails three in a row in the
 * first 70 requests; 20260301 does, and query 4 then fails as it should). With three attempts
 * per call every query succeeds, and the simulator's log, the retries metric and
 * `Vendor.health` tell the same story.
 */
let sandbox: ResilienceGateway;
const QUERIES = 20;

beforeAll(async () => {
  sandbox = await startResilienceGateway({
    resilience: {
      [VENDOR.MAGENTO]: {
        retry: { ...INSTANT_RETRIES, maxAttempts: 3 },
        // A budget that never binds and a breaker that never opens here: both have their own tests.
        retryBudget: { ratio: 1, minPerSecond: 10 },
        breaker: { mode: 'consecutive', threshold: 50 },
      },
    },
  });
  // Magento's sources are learned once per process; learn them before faults start.
  await postGraphQL(sandbox.url, '{ productsBySku(skus: ["SG-1000"]) { id inventoryLevels { available } } }');
  sandbox.servers[VENDOR.MAGENTO].clearLog();
  sandbox.servers[VENDOR.MAGENTO].setFaults({ errorRate: 0.3, seed: 99 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('a vendor answering 30% of requests with a 5xx', () => {
  let retriesBefore = 0;

  it('still answers every query, each SKU lookup with its stock', async () => {
    retriesBefore = await scrapeMetric(sandbox.url, 'stockgraph_upstream_retries_total', { vendor: VENDOR.MAGENTO });
    for (let n = 0; n < QUERIES; n += 1) {
      // Distinct SKUs: every query misses the read cache and reaches the vendor.
      const response = await postGraphQL<{ productsBySku: Array<{ vendorId: string; inventoryLevels: unknown[] }> }>(
        sandbox.url,
        'query($skus: [String!]!) { productsBySku(skus: $skus) { vendorId inventoryLevels { available } } }',
        { skus: [`SG-${1001 + n}`] },
      );
      expect(response.errors, `query ${n}`).toBeUndefined();
      expect(response.data!.productsBySku.filter((product) => product.vendorId === VENDOR.MAGENTO)).toHaveLength(1);
    }
  });

  it('made attempts = calls + retries, as the policy allows: the log, minus failed attempts, is the fault-free sequence', async () => {
    const log = sandbox.servers[VENDOR.MAGENTO].requestLog;
    const failed = log.filter((entry) => entry.fault === FaultKind.ERROR);
    const succeeded = log.filter((entry) => entry.fault === FaultKind.NONE);
    expect(failed.length).toBeGreaterThan(0);
    // Two calls per lookup (products search, then MSI source items), each answered once in the end.
    expect(succeeded.map((entry) => entry.operation)).toEqual(Array(QUERIES).fill(['GET /V1/products', 'GET /V1/inventory/source-items']).flat());
    expect(log.length).toBe(succeeded.length + failed.length);
    // Every failure was followed by a retry of the same call, never more than 2 in a row.
    let run = 0;
    log.forEach((entry, index) => {
      if (entry.fault !== FaultKind.ERROR) return void (run = 0);
      run += 1;
      expect(run).toBeLessThanOrEqual(2);
      expect(log[index + 1]?.operation).toBe(entry.operation);
    });
    const retries = (await scrapeMetric(sandbox.url, 'stockgraph_upstream_retries_total', { vendor: VENDOR.MAGENTO })) - retriesBefore;
    expect(retries).toBe(failed.length);
  });

  it('shows in Vendor.health: the error rate of the window, a p95 latency, no rate limit, circuit closed', async () => {
    const response = await postGraphQL<{ vendors: HealthView[] }>(sandbox.url, HEALTH_QUERY);
    const magento = response.data!.vendors.find((vendor) => vendor.id === VENDOR.MAGENTO)!.health;
    const log = sandbox.servers[VENDOR.MAGENTO].requestLog;
    const failed = log.filter((entry) => entry.fault === FaultKind.ERROR).length;
    // The window also holds the warm-up's three successful attempts.
    const attempts = log.length + 3;
    expect(magento.windowCalls).toBe(attempts);
    expect(magento.errorRate).toBeCloseTo(failed / attempts, 10);
    expect(magento.status).toBe('DEGRADED'); // above the 10% degraded threshold
    expect(magento.circuit).toBe('CLOSED');
    expect(magento.latencyP95Ms).toBeGreaterThan(0);
    expect(magento.rateLimitRemaining).toBeNull(); // Magento has no request-rate limit by default
    expect(magento.lastError).toMatch(/^demo-magento: /);
    const woo = response.data!.vendors.find((vendor) => vendor.id === VENDOR.WOO)!.health;
    expect(woo).toMatchObject({ status: 'UP', circuit: 'CLOSED', errorRate: 0, lastError: null });
    expect(woo.rateLimitRemaining).toBeGreaterThan(0);
    expect(woo.rateLimitRemaining).toBeLessThanOrEqual(1);
  });
});
