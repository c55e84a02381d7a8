import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { GatewayConfig } from '../src/config/config-schema.ts';
import { validateConfig } from '../src/config/load-config.ts';
import { startShopifySimulator, type ShopifySimulator } from '../src/sandbox/shopify/shopify-simulator.ts';
import { postGraphQL } from './graphql-post.ts';
import { HostProcess } from './hosts/host-process.ts';
import { machineInfo } from './machine-info.ts';

/**
 * `npm run bench:scale` (needs PostgreSQL and Redis on loopback; DATABASE_URL / REDIS_URL override):
 * 1. overhead: one gateway on SQLite with in-memory budgets against one with PostgreSQL and Redis
 *    (budgets and cache invalidation in Redis), each in its own process, the same catalog page
 *    requested one at a time, interleaved; p50 of each and the difference.
 * 2. pacing: four gateway processes sharing Redis read catalog pages from ONE Shopify shop whose
 *    bucket restores at 50 points/s, all at once; THROTTLED answers counted at the simulator and the
 *    points spent per second compared with the restore rate. A control run without Redis shows
 *    what four independent budgets do to the same shop.
 */
const { values } = parseArgs({ options: { requests: { type: 'string' }, seconds: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' } } });
const only = values.only ?? 'all';
const requests = Number(values.requests ?? 400);
const seconds = Number(values.seconds ?? 30);
const outDir = values.out ?? fileURLToPath(new URL('./results/', import.meta.url));
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const HOST = fileURLToPath(new URL('./hosts/gateway-host.ts', import.meta.url));
const run = `${process.pid}_${Date.now().toString(36)}`;
const schema = `sg_bench_${run}`;
const keyPrefix = `sg-bench-${run}:`;

/** Pacing load: each instance reads pages of 10 variants with levels (182 points requested), one after another. */
const LOOPS_PER_INSTANCE = 1;
const PACING_PAGE = 10;
const CATALOG = `query Catalog($first: Int!) { products(vendorId: "shop", first: $first) { nodes { id sku totalAvailable inventoryLevels { locationId available } } } }`;

function configFor(sim: ShopifySimulator, shared: boolean): GatewayConfig {
  return validateConfig(
    {
      environment: 'development',
      vendors: [{ id: 'shop', name: 'Shop', platform: 'shopify', shopDomain: sim.shopDomain, accessToken: sim.accessToken, endpoint: sim.url }],
      limits: { requestTimeoutMs: 30_000 },
      ...(shared ? { store: { postgres: { url: DATABASE_URL, schema } }, redis: { url: REDIS_URL, keyPrefix } } : {}),
    },
    {},
    'bench',
  );
}

async function startHosts(config: GatewayConfig, count: number): Promise<Array<{ host: HostProcess; url: string }>> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const host = HostProcess.start(HOST);
      await host.ready;
      return { host, url: await host.call<string>('start', config) };
    }),
  );
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(url: string, first: number): Promise<number> {
  const started = performance.now();
  const answer = await postGraphQL(url, CATALOG, { first });
  if (answer.errors) throw new Error(`catalog page failed: ${JSON.stringify(answer.errors).slice(0, 300)}`);
  return performance.now() - started;
}

async function overhead() {
  const sim = await startShopifySimulator({ bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } });
  const [local] = await startHosts(configFor(sim, false), 1);
  const [shared] = await startHosts(configFor(sim, true), 1);
  const samples = { local: [] as number[], shared: [] as number[] };
  for (let index = 0; index < 40; index += 1) await Promise.all([timed(local!.url, 50), timed(shared!.url, 50)]);
  for (let index = 0; index < requests; index += 1) {
    samples.local.push(await timed(local!.url, 50));
    samples.shared.push(await timed(shared!.url, 50));
  }
  await Promise.all([local!.host.stop(), shared!.host.stop()]);
  await sim.close();
  const summary = (list: number[]) => {
    const sorted = [...list].sort((x, y) => x - y);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  };
  const result = { requests, local: summary(samples.local), shared: summary(samples.shared) };
  // Each pair ran back to back, so the median of the pairs' differences is robust to load that
  // other processes put on the machine during the run (the p50s alone move with it).
  const differences = samples.shared.map((ms, index) => ms - samples.local[index]!).sort((x, y) => x - y);
  return { ...result, addedP50Ms: result.shared.p50 - result.local.p50, pairedMedianDifferenceMs: percentile(differences, 50) };
}

async function pacing(shared: boolean, duration: number) {
  const restoreRate = 50;
  const maximumAvailable = 1_000;
  const sim = await startShopifySimulator({ bucket: { maximumAvailable, restoreRate } });
  let requested = 0;
  let refunded = 0;
  let throttled = 0;
  const tryTake = sim.bucket.tryTake.bind(sim.bucket);
  sim.bucket.tryTake = (cost: number) => {
    const taken = tryTake(cost);
    if (taken) requested += cost;
    else throttled += 1;
    return taken;
  };
  const refund = sim.bucket.refund.bind(sim.bucket);
  sim.bucket.refund = (points: number) => {
    refunded += Math.max(0, points);
    refund(points);
  };
  const instances = await startHosts(configFor(sim, shared), 4);
  const started = performance.now();
  const end = Date.now() + duration * 1000;
  let pages = 0;
  let errors = 0;
  await Promise.all(
    instances.flatMap(({ url }) =>
      Array.from({ length: LOOPS_PER_INSTANCE }, async () => {
        while (Date.now() < end) {
          const answer = await postGraphQL(url, CATALOG, { first: PACING_PAGE }).catch(() => ({ errors: [{}] }));
          if (answer.errors) errors += 1;
          else pages += 1;
        }
      }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(instances.map(({ host }) => host.stop()));
  const spent = requested - refunded;
  await sim.close();
  return {
    instances: 4,
    clientsPerInstance: LOOPS_PER_INSTANCE,
    sharedBudget: shared,
    seconds: Number(elapsed.toFixed(1)),
    pages,
    gatewayErrors: errors,
    throttledAnswers: throttled,
    pointsSpent: spent,
    restoreRate,
    // What the shop allows in that time: the full bucket at the start plus the restore.
    pointsAllowed: Math.round(maximumAvailable + restoreRate * elapsed),
    pointsPerSecondAfterBucket: Number(((spent - maximumAvailable) / elapsed).toFixed(1)),
    lowestBucketLevel: sim.bucket.minimumLevel,
  };
}

async function cleanUp() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

try {
  const latency = only === 'pacing' ? null : await overhead();
  const paced = only === 'overhead' ? null : await pacing(true, seconds);
  const control = only === 'overhead' ? null : await pacing(false, Math.min(seconds, 10));
  const report = { at: new Date().toISOString(), machine: machineInfo(), overhead: latency, pacing: paced, controlWithoutRedis: control };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}/scale-${only === 'all' ? 'latest' : only}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `# Scale-out bench (${report.at})`,
    '',
    `Machine: ${JSON.stringify(report.machine)}`,
    '',
    ...(latency
      ? [
          '| catalog page (50 products with levels), one at a time | p50 ms | p95 ms | p99 ms |',
          '|---|---:|---:|---:|',
          `| SQLite, budgets in memory | ${latency.local.p50.toFixed(2)} | ${latency.local.p95.toFixed(2)} | ${latency.local.p99.toFixed(2)} |`,
          `| PostgreSQL + Redis (budgets, cache invalidation) | ${latency.shared.p50.toFixed(2)} | ${latency.shared.p95.toFixed(2)} | ${latency.shared.p99.toFixed(2)} |`,
          '',
          `Added: ${latency.pairedMedianDifferenceMs.toFixed(2)} ms (median of ${requests} back-to-back pairs); difference of the p50s ${latency.addedP50Ms.toFixed(2)} ms.`,
          '',
        ]
      : []),
    ...(paced && control
      ? [
          '| four instances, one shop (restore 50 points/s) | seconds | pages | gateway errors | THROTTLED | points spent | points allowed | points/s after the first bucket | lowest bucket level |',
          '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
          ...[paced, control].map(
            (row) =>
              `| ${row.sharedBudget ? 'shared budget (Redis)' : 'control: four local budgets'} | ${row.seconds} | ${row.pages} | ${row.gatewayErrors} | ${row.throttledAnswers} | ${row.pointsSpent} | ${row.pointsAllowed} | ${row.pointsPerSecondAfterBucket} | ${row.lowestBucketLevel.toFixed(0)} |`,
          ),
          '',
        ]
      : []),
  ].join('\n');
  writeFileSync(`${outDir}/scale-${only === 'all' ? 'latest' : only}.md`, md);
  console.log(md);
} finally {
  await cleanUp();
}
