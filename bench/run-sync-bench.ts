import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { validateConfig } from '../src/config/load-config.ts';
import { VendorPolicies } from '../src/resilience/vendor-policies.ts';
import { startShopifySimulator } from '../src/sandbox/shopify/shopify-simulator.ts';
import { createShopifySource } from '../src/vendors/shopify/shopify-source.ts';
import type { ShopifyVendorConfig } from '../src/config/vendors/shopify-config.ts';
import type { UpstreamCallContext } from '../src/vendors/vendor-source.ts';
import { machineInfo } from './machine-info.ts';

/**
 * `npm run bench:sync`: reads every SKU of the Shopify simulator with its stock, the way a full
 * inventory sync does (listProducts pages with inline levels, through the vendor's real policy
 * and cost budget), under a cost bucket of the given size and restore rate. Reports the time
 * against the throttle-bound minimum for the queries sent: (Σ requested cost − initial bucket) /
 * restore rate, and the points actually spent per SKU.
 *
 * Requested and actual costs are read off the simulator's bucket (its take and refund calls are
 * wrapped here, bench-only), so the figures are the vendor's own, not the gateway's estimate.
 */
const { values } = parseArgs({
  options: {
    skus: { type: 'string' },
    restore: { type: 'string' },
    bucket: { type: 'string' },
    'page-size': { type: 'string' },
    latency: { type: 'string' },
  },
});
const targetSkus = Number(values.skus ?? process.env.BENCH_SYNC_SKUS ?? 10_000);
const restoreRate = Number(values.restore ?? process.env.BENCH_SYNC_RESTORE ?? 1_000);
const maximumAvailable = Number(values.bucket ?? process.env.BENCH_SYNC_BUCKET ?? 10_000);
const pageSize = Number(values['page-size'] ?? 250);
const latencyMs = Number(values.latency ?? process.env.BENCH_LATENCY_MS ?? 20);

// The demo catalog averages about four variants per product; a little over, then stop at target.
const simulator = await startShopifySimulator({
  productCount: Math.ceil(targetSkus / 3.5),
  bucket: { maximumAvailable, restoreRate },
  faults: { latencyMs: Math.max(0, latencyMs - 10), latencyJitterMs: latencyMs >= 10 ? 20 : 0 },
});
const skusInShop = simulator.catalog.variantOrder.length;
let requested = 0;
let refunded = 0;
let throttledAnswers = 0;
const bucket = simulator.bucket;
const tryTake = bucket.tryTake.bind(bucket);
bucket.tryTake = (cost: number) => {
  const taken = tryTake(cost);
  if (taken) requested += cost;
  else throttledAnswers += 1;
  return taken;
};
const refund = bucket.refund.bind(bucket);
bucket.refund = (points: number) => {
  refunded += Math.max(0, points);
  refund(points);
};

const logger = pino({ level: 'silent' });
const config = validateConfig(
  {
    environment: 'development',
    vendors: [{ id: 'bench-shopify', name: 'Bench Shopify', platform: 'shopify', shopDomain: simulator.shopDomain, accessToken: simulator.accessToken, endpoint: simulator.url }],
  },
  {},
  'bench:sync',
  true,
);
const vendor = config.vendors[0] as ShopifyVendorConfig;
const policy = new VendorPolicies(config.vendors, { logger }).get(vendor.id);
const source = createShopifySource(vendor, { policy, logger, costFeedback: policy.costBudget });
const ctx: UpstreamCallContext = { requestId: 'bench-sync', logger, signal: new AbortController().signal, deadline: Date.now() + 3_600_000 };

const started = performance.now();
let synced = 0;
let after: string | null = null;
let pages = 0;
do {
  const page = await source.listProducts(ctx, { first: pageSize, after, filter: {}, includeInventoryLevels: true });
  synced += page.products.length;
  pages += 1;
  after = page.hasNextPage ? page.endCursor : null;
} while (after !== null && synced < targetSkus);
const seconds = (performance.now() - started) / 1000;
await source.close();
const upstreamRequests = simulator.server.count();
await simulator.close();

const actual = requested - refunded;
const throttleBoundSeconds = Math.max(0, requested - maximumAvailable) / restoreRate;
// Shopify refunds requested − actual after each query, so what the bucket really has to restore is the actual cost.
const refundAwareBoundSeconds = Math.max(0, actual - maximumAvailable) / restoreRate;
const results = {
  machine: machineInfo(),
  shop: { skusInShop, bucket: { maximumAvailable, restoreRate }, simulatedLatencyMs: latencyMs },
  synced,
  pages,
  upstreamRequests,
  throttledAnswers,
  requestedPoints: requested,
  actualPoints: actual,
  pointsPerSku: actual / Math.max(1, synced),
  requestedPointsPerSku: requested / Math.max(1, synced),
  seconds,
  throttleBoundSeconds,
  refundAwareBoundSeconds,
  ratioToBound: throttleBoundSeconds > 0 ? seconds / throttleBoundSeconds : null,
};
const markdown = [
  '# stockgraph bench:sync — full Shopify stock read under the cost budget',
  '',
  `Shop: ${String(skusInShop)} SKUs; bucket ${String(maximumAvailable)} points, restoring ${String(restoreRate)}/s; vendor latency ~${String(latencyMs)} ms.`,
  '',
  '| SKUs synced | pages | upstream requests | THROTTLED | requested points | actual points | points/SKU (actual) | time s | bound s (requested − bucket) / restore | time / bound | bound s with refunds (actual − bucket) / restore |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${String(synced)} | ${String(pages)} | ${String(upstreamRequests)} | ${String(throttledAnswers)} | ${String(requested)} | ${String(actual)} | ${results.pointsPerSku.toFixed(2)} | ${seconds.toFixed(1)} | ${throttleBoundSeconds.toFixed(1)} | ${results.ratioToBound === null ? '–' : `${results.ratioToBound.toFixed(2)}×`} | ${refundAwareBoundSeconds.toFixed(1)} |`,
  '',
].join('\n');
const dir = fileURLToPath(new URL('./results', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/sync-latest.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${dir}/sync-latest.md`, markdown);
console.log(markdown);
