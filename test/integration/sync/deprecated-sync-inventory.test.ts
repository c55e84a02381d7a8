import { afterEach, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { ended, waitForJob } from './sync-job-documents.ts';

const SYNC = `mutation Sync($vendorId: ID, $full: Boolean) {
  syncInventory(vendorId: $vendorId, full: $full) { vendorId mode productsSeen errors { code } job { id status processed total } }
}`;
type SyncResult = { vendorId: string; mode: string; productsSeen: number; errors: unknown[]; job: { id: string; status: string; processed: number; total: number | null } };

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('syncInventory (deprecated)', () => {
  it('is marked deprecated in the schema, pointing at startInventorySync', async () => {
    gateway = await startGatewayWithSources([fakeWritableSource('vendor-a', { products: 1 }).source]);
    const response = await postGraphQL<{ __type: { fields: Array<{ name: string; isDeprecated: boolean; deprecationReason: string | null }> } }>(
      gateway.url,
      '{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }',
    );
    const field = response.data!.__type.fields.find((candidate) => candidate.name === 'syncInventory');
    expect(field).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining('startInventorySync') });
  });

  it('runs the sync as a job and answers it; a job still running at the request deadline keeps running', async () => {
    const vendor = fakeWritableSource('vendor-a', { products: 30, maxPageSize: 10 });
    const list = vendor.source.listProducts.bind(vendor.source);
    let slow = false;
    vendor.source.listProducts = async (ctx, request) => {
      if (slow && request.after === '10') await new Promise((resolve) => setTimeout(resolve, 1_500));
      return list(ctx, request);
    };
    gateway = await startGatewayWithSources([vendor.source], { config: testConfig({ limits: { requestTimeoutMs: 1_000 } }) });

    const fast = await postGraphQL<{ syncInventory: SyncResult[] }>(gateway.url, SYNC, { vendorId: 'vendor-a', full: true });
    expect(fast.errors).toBeUndefined();
    expect(fast.data!.syncInventory).toEqual([
      { vendorId: 'vendor-a', mode: 'FULL', productsSeen: 30, errors: [], job: { id: expect.any(String), status: 'SUCCEEDED', processed: 30, total: 30 } },
    ]);

    slow = true;
    const cut = await postGraphQL<{ syncInventory: SyncResult[] }>(gateway.url, SYNC, { vendorId: 'vendor-a', full: true });
    expect(cut.errors).toBeUndefined();
    const [result] = cut.data!.syncInventory;
    expect(result).toMatchObject({ productsSeen: 10, errors: [], job: { status: 'RUNNING', processed: 10 } });
    expect(await waitForJob(gateway.url, result!.job.id, ended)).toMatchObject({ status: 'SUCCEEDED', processed: 30 });
  });
});
