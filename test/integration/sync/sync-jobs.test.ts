import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { CANCEL, JOBS, ended, readJob, startSync, waitForJob, type SyncJobView } from './sync-job-documents.ts';

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** Holds every listProducts call of `source` until `open()`; counts the pages asked for. */
function gated(source: VendorSource) {
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const asked: Array<string | null> = [];
  const list = source.listProducts.bind(source);
  source.listProducts = async (ctx, request) => {
    asked.push(request.after);
    await gate;
    return list(ctx, request);
  };
  return {
    asked,
    open: () => release(),
    close: () => (gate = new Promise<void>((resolve) => (release = resolve))),
  };
}

/** Two vendor entries on the same WooCommerce site (one account), and one on another site. */
const sharedSiteConfig = () =>
  testConfig({
    vendors: [
      { id: 'woo-us', name: 'Woo US', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9/shop', consumerKey: 'ck_x', consumerSecret: 'cs_x' },
      { id: 'woo-us-b2b', name: 'Woo US B2B', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9/shop/', consumerKey: 'ck_y', consumerSecret: 'cs_y' },
      { id: 'woo-eu', name: 'Woo EU', platform: 'woocommerce', baseUrl: 'http://127.0.0.2:9/shop', consumerKey: 'ck_z', consumerSecret: 'cs_z' },
    ],
  });

describe('startInventorySync', () => {
  it('answers at once with a QUEUED job, which then reads every page and SUCCEEDS with processed = total', async () => {
    const vendor = fakeWritableSource('vendor-a', { products: 23, locations: ['main', 'backroom'], maxPageSize: 10 });
    const gate = gated(vendor.source);
    gateway = await startGatewayWithSources([vendor.source]);

    const { response, job } = await startSync(gateway.url, 'vendor-a', 'FULL');
    expect(response.errors).toBeUndefined();
    expect(job).toEqual({ id: expect.any(String), vendorId: 'vendor-a', mode: 'FULL', status: 'QUEUED', processed: 0, total: null, startedAt: null, finishedAt: null, error: null });
    gate.open();

    const done = await waitForJob(gateway.url, job!.id, ended);
    expect(done).toMatchObject({ status: 'SUCCEEDED', processed: 23, total: 23, error: null });
    expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(done.startedAt!));
    expect(gate.asked).toEqual([null, '10', '20']);
    expect(vendor.calls.inventoryLevels).toBe(0); // levels came with the pages
  });

  it('runs at most one job per vendor account: a second start, also from another entry on the same site, answers the running job', async () => {
    const us = fakeWritableSource('woo-us', { products: 5 });
    const b2b = fakeWritableSource('woo-us-b2b', { products: 5 });
    const eu = fakeWritableSource('woo-eu', { products: 5 });
    const gate = gated(us.source);
    gateway = await startGatewayWithSources([us.source, b2b.source, eu.source], { config: sharedSiteConfig() });

    const first = (await startSync(gateway.url, 'woo-us', 'FULL')).job!;
    const again = (await startSync(gateway.url, 'woo-us', 'INCREMENTAL')).job!;
    const sameSite = (await startSync(gateway.url, 'woo-us-b2b', 'FULL')).job!;
    const otherSite = (await startSync(gateway.url, 'woo-eu', 'FULL')).job!;
    expect(again.id).toBe(first.id);
    expect(sameSite).toMatchObject({ id: first.id, vendorId: 'woo-us' });
    expect(otherSite.id).not.toBe(first.id);
    gate.open();
    await waitForJob(gateway.url, first.id, ended);
    expect(b2b.calls.listProducts).toBe(0);
    // Once it ended, the account is free again.
    expect((await startSync(gateway.url, 'woo-us-b2b', 'FULL')).job!.id).not.toBe(first.id);
  });
});

describe('cancelSyncJob', () => {
  it('stops a running job between pages: CANCELLED, no further page is read, and cancelling again answers the same', async () => {
    const vendor = fakeWritableSource('vendor-a', { products: 30, maxPageSize: 10 });
    const gate = gated(vendor.source);
    gateway = await startGatewayWithSources([vendor.source]);
    const job = (await startSync(gateway.url, 'vendor-a', 'FULL')).job!;
    while (gate.asked.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const response = await postGraphQL<{ cancelSyncJob: SyncJobView }>(gateway.url, CANCEL, { id: job.id });
    expect(response.errors).toBeUndefined();
    expect(response.data!.cancelSyncJob).toMatchObject({ id: job.id, status: 'CANCELLED', processed: 0, finishedAt: expect.any(String) });
    gate.open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gate.asked).toEqual([null]);
    expect(await readJob(gateway.url, job.id)).toMatchObject({ status: 'CANCELLED', processed: 0 });
    const again = await postGraphQL<{ cancelSyncJob: SyncJobView }>(gateway.url, CANCEL, { id: job.id });
    expect(again.data!.cancelSyncJob).toMatchObject({ status: 'CANCELLED' });
    const unknown = await postGraphQL(gateway.url, CANCEL, { id: 'no-such-job' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a vendor that stays down', () => {
  it('ends the job FAILED with the vendor\'s error code; starting again resumes the same job from its stored cursor', async () => {
    const vendor = fakeWritableSource('vendor-a', { products: 30, maxPageSize: 10 });
    const list = vendor.source.listProducts.bind(vendor.source);
    const asked: Array<string | null> = [];
    let down = false;
    vendor.source.listProducts = async (ctx, request) => {
      asked.push(request.after);
      if (down || request.after === '20') {
        down = true;
        throw new UpstreamError('vendor-a could not be reached (ECONNREFUSED)', { vendorId: 'vendor-a', errorClass: UpstreamErrorClass.NETWORK });
      }
      return list(ctx, request);
    };
    gateway = await startGatewayWithSources([vendor.source]);

    const job = (await startSync(gateway.url, 'vendor-a', 'FULL')).job!;
    const failed = await waitForJob(gateway.url, job.id, ended);
    expect(failed).toMatchObject({
      status: 'FAILED',
      processed: 20,
      error: { code: 'VENDOR_UNAVAILABLE', message: 'vendor-a could not be reached (ECONNREFUSED)', retryable: true },
    });
    // The page was tried once and retried twice (the test gateway retries without waiting).
    expect(asked).toEqual([null, '10', '20', '20', '20']);

    down = false;
    vendor.source.listProducts = async (ctx, request) => {
      asked.push(request.after);
      return list(ctx, request);
    };
    const resumed = (await startSync(gateway.url, 'vendor-a', 'FULL')).job!;
    expect(resumed).toMatchObject({ id: job.id, status: 'QUEUED', error: null, processed: 20 });
    expect(await waitForJob(gateway.url, job.id, ended)).toMatchObject({ status: 'SUCCEEDED', processed: 30, total: 30 });
    expect(asked.slice(5)).toEqual(['20']);
    expect(vendor.calls.countProducts).toBe(1); // the total was not asked again
  });
});

describe('syncJobs', () => {
  it('lists jobs newest first in Relay pages', async () => {
    const vendors = ['vendor-a', 'vendor-b', 'vendor-c'].map((id) => fakeWritableSource(id, { products: 2 }));
    gateway = await startGatewayWithSources(vendors.map((vendor) => vendor.source));
    const ids: string[] = [];
    for (const vendor of vendors) {
      const job = (await startSync(gateway.url, vendor.source.info.id, 'FULL')).job!;
      await waitForJob(gateway.url, job.id, ended);
      ids.push(job.id);
    }
    type Page = { syncJobs: { edges: Array<{ cursor: string; node: { id: string } }>; nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const first = await postGraphQL<Page>(gateway.url, JOBS, { first: 2 });
    expect(first.data!.syncJobs.nodes.map((node) => node.id)).toEqual([ids[2], ids[1]]);
    expect(first.data!.syncJobs.pageInfo.hasNextPage).toBe(true);
    const second = await postGraphQL<Page>(gateway.url, JOBS, { first: 2, after: first.data!.syncJobs.pageInfo.endCursor });
    expect(second.data!.syncJobs.nodes.map((node) => node.id)).toEqual([ids[0]]);
    expect(second.data!.syncJobs.pageInfo.hasNextPage).toBe(false);
    const ofB = await postGraphQL<Page>(gateway.url, JOBS, { vendorId: 'vendor-b' });
    expect(ofB.data!.syncJobs.nodes.map((node) => node.id)).toEqual([ids[1]]);
    const bad = await postGraphQL(gateway.url, JOBS, { first: 0 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
