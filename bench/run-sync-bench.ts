import { parseArgs } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { validateConfig } from '../src/config/load-config.ts';
import { StockChangeNotifier } from '../src/stock-changes/stock-change-listener.ts';
import { VendorPolicies } from '../src/resilience/vendor-policies.ts';
import { startShopifySimulator } from '../src/sandbox/shopify/shopify-simulator.ts';
import { SqliteStateStore } from '../src/store/sqlite-state-store.ts';
import { SyncJobMode, SyncJobStatus, type SyncJobRecord } from '../src/store/sync-job-record.ts';
import { SyncJobService } from '../src/sync/sync-job-service.ts';
import { createShopifySource } from '../src/vendors/shopify/shopify-source.ts';
import type { ShopifyVendorConfig } from '../src/config/vendors/shopify-config.ts';
import { VendorRegistry } from '../src/vendors/vendor-registry.ts';
import { machineInfo } from './machine-info.ts';

/**
 * `npm run bench:sync`: a FULL background sync job (src/sync, the same runner
 * `startInventorySync` starts: pages with inline levels through the vendor's real policy and cost
 * budget, level snapshots and the job's cursor written to a SQLite state store after every page)
 * of a Shopify shop on the Standard plan: 100 points/s restore (shopify.dev "GraphQL Admin API
 * rate limits": Standard 100 points/second; README of the vendor reference §1.5). The bucket size
 * is not in the reference; 2,000 points is assumed (it must hold one 1,000-point query) and moves
 * the bound by 20 s at most. Reports the time against the throttle-bound minimum:
 * (Σ actual cost − initial bucket) / restore rate (Shopify refunds requested − actual), and the
 * looser (Σ requested − bucket) / restore.
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
const restoreRate = Number(values.restore ?? process.env.BENCH_SYNC_RESTORE ?? 100);
const maximumAvailable = Number(values.bucket ?? process.env.BENCH_SYNC_BUCKET ?? 2_000);
const pageSize = Number(values['page-size'] ?? 250);
const latencyMs = Number(values.latency ?? process.env.BENCH_LATENCY_MS ?? 20);

// The demo catalog averages 3.76 variants per product (10,745 SKUs from 2,858 products): a shop of
// about `targetSkus`, all of which the job reads.
const simulator = await startShopifySimulator({
  productCount: Math.ceil(targetSkus / 3.76),
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
const storeDir = mkdtempSync(join(tmpdir(), 'stockgraph-bench-sync-'));
const store = new SqliteStateStore(join(storeDir, 'state.db'));
const jobs = new SyncJobService({
  config,
  registry: new VendorRegistry([source]),
  store,
  listener: new StockChangeNotifier(logger),
  logger,
  ...(values['page-size'] ? { pageSize } : {}),
});

const started = performance.now();
let job: SyncJobRecord | null = await jobs.startJob(vendor.id, SyncJobMode.FULL);
const never = new AbortController().signal;
job = await jobs.waitFor(job.id, never);
const seconds = (performance.now() - started) / 1000;
if (!job || job.status !== SyncJobStatus.SUCCEEDED) throw new Error(`the sync job did not succeed: ${JSON.stringify(job)}`);
const synced = job.processed;
const pages = (JSON.parse(job.cursor ?? '{}') as { pages?: number }).pages ?? 0;
await jobs.close();
await store.close();
rmSync(storeDir, { recursive: true, force: true });
await source.close();
const upstreamRequests = simulator.server.count();
await simulator.close();

const actual = requested - refunded;
const throttleBoundSeconds = Math.max(0, requested - maximumAvailable) / restoreRate;
// Shopify refunds requested − actual after each query, so what the bucket really has to restore is the actual cost.
const refundAwareBoundSeconds = Math.max(0, actual - maximumAvailable) / restoreRate;
const refundAwareRatio = refundAwareBoundSeconds > 0 ? seconds / refundAwareBoundSeconds : null;
const results = {
  machine: machineInfo(),
  runAs: 'FULL sync job (SyncJobService)',
  jobStatus: job.status,
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
  refundAwareRatio,
  target: { ratio: 1.1, met: refundAwareRatio !== null && refundAwareRatio <= 1.1 },
};
const markdown = [
  '# stockgraph bench:sync — a FULL sync job of a Shopify shop under the cost budget',
  '',
  `${new Date().toISOString()}, ${results.machine.cpuModel}. Shop: ${String(skusInShop)} SKUs; bucket ${String(maximumAvailable)} points, restoring ${String(restoreRate)}/s; vendor latency ~${String(latencyMs)} ms. Run as a FULL sync job (job ${job.status}).`,
  '',
  '| SKUs synced | job pages | upstream requests | THROTTLED | requested points | actual points | points/SKU (actual) | time s | bound s (actual − bucket) / restore | time / bound | bound s (requested − bucket) / restore | time / that bound |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${String(synced)} | ${String(pages)} | ${String(upstreamRequests)} | ${String(throttledAnswers)} | ${String(requested)} | ${String(actual)} | ${results.pointsPerSku.toFixed(2)} | ${seconds.toFixed(1)} | ${refundAwareBoundSeconds.toFixed(1)} | ${refundAwareRatio === null ? '–' : `${refundAwareRatio.toFixed(3)}×`} | ${throttleBoundSeconds.toFixed(1)} | ${results.ratioToBound === null ? '–' : `${results.ratioToBound.toFixed(3)}×`} |`,
  '',
  `Target: time within 1.1× of (actual − bucket) / restore: ${results.target.met ? 'met' : '**not met**'}.`,
  '',
].join('\n');
const dir = fileURLToPath(new URL('./results', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/sync-latest.json`, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(`${dir}/sync-latest.md`, markdown);
console.log(markdown);
