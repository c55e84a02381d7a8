import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { checkSharedServices } from '../../support/shared-services.ts';
import { ended, startSync, waitForJob } from '../sync/sync-job-documents.ts';
import type { GatewayProcess } from './gateway-process.ts';
import { SHOP_PRODUCTS, startScaleoutFixture, type ScaleoutFixture } from './scaleout-fixture.ts';

// Needs PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379): skips outside CI without them, fails in CI.
const services = await checkSharedServices(['postgres', 'redis']);

/**
 * Two gateway processes on one PostgreSQL and one Redis share the sync jobs: a job runs only in
 * the instance holding its account's lease, and when that instance dies the other takes the job
 * over from its stored cursor. The small cost bucket paces the pages (a job lasts a few seconds),
 * so the owner can be killed mid-job; counts are asserted, never times.
 */
const PAGE = 5;
const LEASE_TTL_MS = 1_500;
const PAGE_OPERATION = 'ProductVariantsPageWithLevels';
const COUNT_OPERATION = 'ProductVariantsCount';

describe.skipIf(!services.available)('sync jobs across two gateway processes', () => {
  let fixture: ScaleoutFixture;
  let instances: GatewayProcess[];

  beforeAll(async () => {
    // 400 points restoring 200/s: a page of 5 variants with levels costs 92, so after a first burst
    // of four pages about two pages a second.
    fixture = await startScaleoutFixture({
      bucket: { maximumAvailable: 400, restoreRate: 200 },
      requestTimeoutMs: 8_000,
      leaseMarginMs: 1_000,
      productCount: 12,
      sync: { pageSize: PAGE, leaseTtlMs: LEASE_TTL_MS },
    });
    instances = await Promise.all([fixture.start('instance A'), fixture.start('instance B')]);
    // A small read first, so the shared budget has learnt this small bucket from the shop's answer
    // before a job's first pages (otherwise that burst may meet one THROTTLED, retried: a page read twice).
    const primed = await postGraphQL(instances[0]!.url, SHOP_PRODUCTS, { first: 2 });
    expect(primed.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  }, 60_000);

  const requestsOf = (operation: string) => fixture.sim.server.count((entry) => entry.operation === operation);
  const skus = () => fixture.sim.catalog.variantOrder.length;
  const logged = (gateway: GatewayProcess, msg: string, jobId: string) => gateway.logs.filter((entry) => entry.msg === msg && entry.syncJobId === jobId).length;

  it('runs one job exactly once when both instances are asked to start it', async () => {
    const pages = Math.ceil(skus() / PAGE);
    expect(pages).toBeGreaterThanOrEqual(4);
    const pagesBefore = requestsOf(PAGE_OPERATION);
    const countsBefore = requestsOf(COUNT_OPERATION);
    const throttledBefore = fixture.throttled();

    const started = await Promise.all(instances.map((gateway) => startSync(gateway.url, 'shop', 'FULL')));
    for (const { response } of started) expect(response.errors).toBeUndefined();
    const [first, second] = started.map(({ job }) => job!);
    expect(second!.id).toBe(first!.id);

    const done = await waitForJob(instances[1]!.url, first!.id, ended);
    expect(done).toMatchObject({ status: 'SUCCEEDED', processed: skus(), total: skus(), error: null });
    // One pass: one instance started the job, every page was read once and the SKUs counted once.
    // A page the shop refused THROTTLED (pacing on a saturated machine can be a hair early) is read
    // again by the vendor client: that retry is not a second pass, so it is taken off.
    expect(instances.map((gateway) => logged(gateway, 'sync job started', first!.id)).sort()).toEqual([0, 1]);
    const retried = fixture.throttled() - throttledBefore;
    expect(retried).toBeLessThanOrEqual(1);
    expect({ pages: requestsOf(PAGE_OPERATION) - pagesBefore - retried, counts: requestsOf(COUNT_OPERATION) - countsBefore }).toEqual({ pages, counts: 1 });
  }, 60_000);

  it('finishes the same job from its cursor in the other instance when the owner is killed mid-job', async () => {
    const pages = Math.ceil(skus() / PAGE);
    const pagesBefore = requestsOf(PAGE_OPERATION);
    const countsBefore = requestsOf(COUNT_OPERATION);
    const throttledBefore = fixture.throttled();

    const job = (await startSync(instances[0]!.url, 'shop', 'FULL')).job!;
    const midway = await waitForJob(instances[0]!.url, job.id, (view) => view.processed >= 2 * PAGE);
    expect(midway.status).toBe('RUNNING');
    const owner = instances.find((gateway) => logged(gateway, 'sync job started', job.id) === 1)!;
    const survivor = instances.find((gateway) => gateway !== owner)!;
    expect(owner).toBeDefined();
    await owner.kill(); // SIGKILL: no shutdown, the lease is left to expire
    const readBeforeKill = requestsOf(PAGE_OPERATION) - pagesBefore;
    expect(readBeforeKill).toBeLessThan(pages);

    const done = await waitForJob(survivor.url, job.id, ended);
    expect(done).toMatchObject({ id: job.id, status: 'SUCCEEDED', processed: skus(), total: skus(), error: null });
    expect(logged(survivor, 'sync job resumed', job.id)).toBe(1);
    expect(logged(survivor, 'sync job started', job.id)).toBe(0);
    // Every page once (a THROTTLED page's retry taken off), plus at most the one in flight when the owner died; the SKUs were counted once (the total was stored).
    const read = requestsOf(PAGE_OPERATION) - pagesBefore - (fixture.throttled() - throttledBefore);
    expect(read).toBeGreaterThanOrEqual(pages);
    expect(read).toBeLessThanOrEqual(pages + 1);
    expect(requestsOf(COUNT_OPERATION) - countsBefore).toBe(1);
    instances = [survivor];
  }, 60_000);

  it('resumes a job left RUNNING in exactly one of two instances starting at once', async () => {
    const pages = Math.ceil(skus() / PAGE);
    const pagesBefore = requestsOf(PAGE_OPERATION);
    const countsBefore = requestsOf(COUNT_OPERATION);
    const throttledBefore = fixture.throttled();
    const [last] = instances;
    const job = (await startSync(last!.url, 'shop', 'FULL')).job!;
    await waitForJob(last!.url, job.id, (view) => view.processed >= 2 * PAGE);
    await last!.kill(); // the whole deployment went down mid-job

    const restarted = await Promise.all([fixture.start('instance C'), fixture.start('instance D')]);
    const done = await waitForJob(restarted[0]!.url, job.id, ended);
    expect(done).toMatchObject({ id: job.id, status: 'SUCCEEDED', processed: skus(), total: skus() });
    // Both found the job RUNNING at start-up; only the one that took its lease read the rest of it.
    expect(restarted.map((gateway) => logged(gateway, 'sync job resumed', job.id)).sort()).toEqual([0, 1]);
    const read = requestsOf(PAGE_OPERATION) - pagesBefore - (fixture.throttled() - throttledBefore);
    expect(read).toBeGreaterThanOrEqual(pages);
    expect(read).toBeLessThanOrEqual(pages + 1);
    expect(requestsOf(COUNT_OPERATION) - countsBefore).toBe(1);
  }, 120_000);
});
