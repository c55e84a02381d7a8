import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../src/auth/api-key-hash.ts';
import { createAuthenticator } from '../../../src/auth/create-authenticator.ts';
import { validateConfig } from '../../../src/config/load-config.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { CANCEL, JOBS, ended, readJob, startSync, waitForJob } from './sync-job-documents.ts';

/** Who may start, cancel and read sync jobs, and of which vendors: refused before any vendor call. */
const KEYS = { viewer: 'sgk_sync_viewer_1', writer: 'sgk_sync_writer_2', wooWriter: 'sgk_sync_woo_writer_3' } as const;
const shop = fakeWritableSource('acme-shopify', { products: 3 });
const woo = fakeWritableSource('acme-woo', { products: 3 });
let gateway: TestGateway;

beforeAll(async () => {
  const config = validateConfig(
    {
      environment: 'production',
      vendors: [
        { id: 'acme-shopify', name: 'Shop', platform: 'shopify', shopDomain: 'acme.myshopify.com', accessToken: '${SHOP_TOKEN}', endpoint: 'http://127.0.0.1:9' },
        { id: 'acme-woo', name: 'Woo', platform: 'woocommerce', baseUrl: 'http://127.0.0.1:9', consumerKey: '${WOO_KEY}', consumerSecret: '${WOO_SECRET}' },
      ],
      auth: {
        apiKeys: [
          { id: 'viewer-1', keyHash: hashApiKey(KEYS.viewer), roles: ['viewer'] },
          { id: 'writer-1', keyHash: hashApiKey(KEYS.writer), roles: ['inventory:write'] },
          { id: 'woo-writer', keyHash: hashApiKey(KEYS.wooWriter), roles: ['inventory:write'], vendors: ['acme-woo'] },
        ],
      },
    },
    { SHOP_TOKEN: 'shpat_test', WOO_KEY: 'ck_test', WOO_SECRET: 'cs_test' },
    'test',
  );
  gateway = await startGatewayWithSources([shop.source, woo.source], { config, services: { authenticator: createAuthenticator(config) } });
});
afterAll(() => gateway.close());

const as = (key: string) => ({ 'x-api-key': key });

describe('who may use sync jobs', () => {
  it('a viewer may not start a job (FORBIDDEN, no vendor called); an anonymous caller is UNAUTHENTICATED', async () => {
    const { response } = await startSync(gateway.url, 'acme-woo', 'FULL', as(KEYS.viewer));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(woo.calls.listProducts + woo.calls.countProducts).toBe(0);
    const anonymous = await startSync(gateway.url, 'acme-woo', 'FULL');
    expect(anonymous.response.status).toBe(401);
  });

  it('an inventory:write caller starts and cancels; a viewer reads the job but may not cancel it', async () => {
    const job = (await startSync(gateway.url, 'acme-shopify', 'FULL', as(KEYS.writer))).job!;
    await waitForJob(gateway.url, job.id, ended, as(KEYS.viewer));
    expect(await readJob(gateway.url, job.id, as(KEYS.viewer))).toMatchObject({ id: job.id, status: 'SUCCEEDED', processed: 3 });
    const cancel = await postGraphQL(gateway.url, CANCEL, { id: job.id }, as(KEYS.viewer));
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a caller scoped to one vendor sees only that vendor\'s jobs and cannot start or cancel another\'s', async () => {
    const shopJob = (await startSync(gateway.url, 'acme-shopify', 'FULL', as(KEYS.writer))).job!;
    await waitForJob(gateway.url, shopJob.id, ended, as(KEYS.writer));
    const refused = await startSync(gateway.url, 'acme-shopify', 'FULL', as(KEYS.wooWriter));
    expect(refused.response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await readJob(gateway.url, shopJob.id, as(KEYS.wooWriter))).toBeNull();
    const cancel = await postGraphQL(gateway.url, CANCEL, { id: shopJob.id }, as(KEYS.wooWriter));
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });

    const wooJob = (await startSync(gateway.url, 'acme-woo', 'FULL', as(KEYS.wooWriter))).job!;
    await waitForJob(gateway.url, wooJob.id, ended, as(KEYS.wooWriter));
    const listed = await postGraphQL<{ syncJobs: { nodes: Array<{ id: string }> } }>(gateway.url, JOBS, {}, as(KEYS.wooWriter));
    expect(listed.data!.syncJobs.nodes.map((node) => node.id)).toEqual([wooJob.id]);
    const other = await postGraphQL(gateway.url, JOBS, { vendorId: 'acme-shopify' }, as(KEYS.wooWriter));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
