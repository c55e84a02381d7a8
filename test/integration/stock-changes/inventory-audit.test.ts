import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { fakeWritableSource, type FakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { AUDIT, adjustQuantities, readAudit, testAuthenticator, type AuditData } from './inventory-documents.ts';

let gateway: TestGateway;
let a: FakeWritableSource;
let b: FakeWritableSource;
const admin = { 'x-test-caller': 'admin' };

beforeAll(async () => {
  a = fakeWritableSource('vendor-a', { products: 3 });
  b = fakeWritableSource('vendor-b', { products: 3 });
  gateway = await startGatewayWithSources([a.source, b.source], { services: { authenticator: testAuthenticator({ admin: {}, 'b-admin': { vendors: ['vendor-b'] } }) } });
  for (let index = 0; index < 6; index += 1) {
    const vendor = index % 2 ? b : a;
    await adjustQuantities(gateway.url, { idempotencyKey: `k-${index}`, reason: `r-${index}`, changes: [{ productId: vendor.productId(index % 3), locationId: vendor.locationId(), delta: index + 1 }] }, admin);
  }
});
afterAll(() => gateway.close());

describe('inventoryChanges (audit log)', () => {
  it('pages newest first with stable cursors', async () => {
    const first = await postGraphQL<AuditData>(gateway.url, AUDIT, { first: 4 }, admin);
    const page = first.data!.inventoryChanges;
    expect(page.edges.map((edge) => edge.node.idempotencyKey)).toEqual(['k-5', 'k-4', 'k-3', 'k-2']);
    expect(page.nodes.map((node) => node.id)).toEqual(page.edges.map((edge) => edge.node.id));
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: page.edges[0]!.cursor, endCursor: page.edges[3]!.cursor });
    const second = await postGraphQL<AuditData>(gateway.url, AUDIT, { first: 4, after: page.pageInfo.endCursor }, admin);
    expect(second.data!.inventoryChanges.edges.map((edge) => edge.node.idempotencyKey)).toEqual(['k-1', 'k-0']);
    expect(second.data!.inventoryChanges.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('filters by vendor, product, key and time window', async () => {
    expect((await readAudit(gateway.url, { filter: { vendorId: 'vendor-b' } }, admin)).map((entry) => entry.idempotencyKey)).toEqual(['k-5', 'k-3', 'k-1']);
    expect((await readAudit(gateway.url, { filter: { productId: a.productId(1) } }, admin)).map((entry) => entry.idempotencyKey)).toEqual(['k-4']);
    expect((await readAudit(gateway.url, { filter: { idempotencyKey: 'k-2' } }, admin))[0]).toMatchObject({ mutation: 'ADJUST', before: 100, after: 103, delta: 3, reason: 'r-2' });
    const all = await readAudit(gateway.url, {}, admin);
    const cut = all[2]!.at;
    const since = await readAudit(gateway.url, { filter: { since: cut } }, admin);
    const until = await readAudit(gateway.url, { filter: { until: cut } }, admin);
    expect(since.length + until.length).toBe(6);
    expect(await readAudit(gateway.url, { filter: { since: '2000-01-01T00:00:00Z', until: '2000-01-02T00:00:00Z' } }, admin)).toEqual([]);
  });

  it('shows a vendor-scoped caller only its vendors\' entries', async () => {
    const headers = { 'x-test-caller': 'b-admin' };
    expect((await readAudit(gateway.url, {}, headers)).map((entry) => entry.vendorId)).toEqual(['vendor-b', 'vendor-b', 'vendor-b']);
    expect(await readAudit(gateway.url, { filter: { vendorId: 'vendor-a' } }, headers)).toEqual([]);
  });

  it('refuses a bad cursor, page size or instant with BAD_USER_INPUT', async () => {
    for (const variables of [{ after: 'nope' }, { first: 0 }, { filter: { since: 'yesterday' } }, { filter: { productId: 'x' } }]) {
      const response = await postGraphQL(gateway.url, AUDIT, variables, admin);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
