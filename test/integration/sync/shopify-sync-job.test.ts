import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load-config.ts';
import { startShopifySimulator, type ShopifySimulator } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';
import { ended, startSync, waitForJob } from './sync-job-documents.ts';

/**
 * Sync jobs against the Shopify simulator through a gateway started from configuration, as a
 * deployment runs them: the vendor's real policy and cost budget, a SQLite state store on disk.
 * The bucket is small and restores fast, so a job of a few pages must wait for points between
 * pages (counts are asserted, never times).
 */
const BUCKET = { maximumAvailable: 200, restoreRate: 400 };
const PAGE = 10;
const PAGE_OPERATION = 'ProductVariantsPageWithLevels';

const dir = mkdtempSync(join(tmpdir(), 'stockgraph-sync-jobs-'));
let shop: ShopifySimulator;
let refusedByBucket = 0;
let gateway: RunningGateway | undefined;

beforeAll(async () => {
  shop = await startShopifySimulator({ productCount: 12, bucket: BUCKET });
  const tryTake = shop.bucket.tryTake.bind(shop.bucket);
  shop.bucket.tryTake = (cost: number) => {
    const taken = tryTake(cost);
    if (!taken) refusedByBucket += 1;
    return taken;
  };
});
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});
afterAll(async () => {
  await shop.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(sqlitePath: string): Promise<RunningGateway> {
  const config = validateConfig(
    {
      environment: 'development',
      vendors: [
        {
          id: 'shop', name: 'Shop', platform: 'shopify', shopDomain: shop.shopDomain, accessToken: shop.accessToken, endpoint: shop.url,
          sync: { pageSize: PAGE },
        },
      ],
      store: { sqlitePath },
    },
    {},
    'sync job test',
  );
  return startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
}

const pageRequests = () => shop.server.requestLog.filter((entry) => entry.operation === PAGE_OPERATION);

describe('a Shopify sync job', () => {
  it('reads every SKU in pages paced by the cost bucket: the shop never answers THROTTLED', async () => {
    const skus = shop.catalog.variantOrder.length;
    const pages = Math.ceil(skus / PAGE);
    expect(pages).toBeGreaterThanOrEqual(4);
    shop.server.requestLog.length = 0;
    refusedByBucket = 0;
    gateway = await start(join(dir, 'paced.db'));

    const job = (await startSync(gateway.url, 'shop', 'FULL')).job!;
    const done = await waitForJob(gateway.url, job.id, ended);
    expect(done).toMatchObject({ status: 'SUCCEEDED', processed: skus, total: skus, error: null });
    expect(pageRequests()).toHaveLength(pages);
    expect(pageRequests().map((entry) => entry.status)).toEqual(Array(pages).fill(200));
    expect(refusedByBucket).toBe(0);
    expect(shop.bucket.minimumLevel).toBeGreaterThanOrEqual(0);
    // ...and the job did have to wait: together its pages asked for more than the bucket holds.
    const requested = pages * (2 + PAGE * 18);
    expect(requested).toBeGreaterThan(2 * BUCKET.maximumAvailable);
  });

  it('resumes under the same id after a restart, from the page it was reading', async () => {
    const skus = shop.catalog.variantOrder.length;
    const pages = Math.ceil(skus / PAGE);
    const sqlitePath = join(dir, 'restart.db');
    shop.server.requestLog.length = 0;
    gateway = await start(sqlitePath);
    const job = (await startSync(gateway.url, 'shop', 'FULL')).job!;
    const midway = await waitForJob(gateway.url, job.id, (view) => view.processed >= 2 * PAGE);
    expect(midway.status).toBe('RUNNING');
    await gateway.close(); // a shutdown mid-job: the job stays RUNNING in the store
    gateway = undefined;
    const readBeforeRestart = pageRequests().length;
    expect(readBeforeRestart).toBeLessThan(pages);

    gateway = await start(sqlitePath);
    const done = await waitForJob(gateway.url, job.id, ended);
    expect(done).toMatchObject({ id: job.id, status: 'SUCCEEDED', processed: skus, total: skus });
    // Every page once, plus at most the one that was in flight at the shutdown.
    expect(pageRequests().length).toBeGreaterThanOrEqual(pages);
    expect(pageRequests().length).toBeLessThanOrEqual(pages + 1);
    expect(shop.server.requestLog.filter((entry) => entry.operation === 'ProductVariantsCount')).toHaveLength(1);
  });
});
