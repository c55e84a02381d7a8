import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { SYNC, testAuthenticator } from './inventory-documents.ts';

interface SyncResult {
  vendorId: string;
  mode: 'FULL' | 'INCREMENTAL';
  productsSeen: number;
  levelsSeen: number;
  changed: number;
  durationMs: number;
  errors: Array<{ code: string; message: string }>;
  cursor: string | null;
}

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function sync(variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await postGraphQL<{ syncInventory: SyncResult[] }>(gateway!.url, SYNC, variables, headers);
  return { response, results: response.data?.syncInventory ?? [] };
}

describe('syncInventory', () => {
  it('reads the whole catalog first, then only what changed since the stored cursor', async () => {
    const a = fakeWritableSource('vendor-a', { products: 23, locations: ['main', 'backroom'], maxPageSize: 10 });
    const b = fakeWritableSource('vendor-b', { products: 4 });
    gateway = await startGatewayWithSources([a.source, b.source]);
    const heard: string[] = [];
    gateway.services.inventory.stockChanges.subscribe({ invalidate: (ids) => void heard.push(...ids) });

    const first = await sync();
    expect(first.response.errors).toBeUndefined();
    expect(first.results).toEqual([
      { vendorId: 'vendor-a', mode: 'FULL', productsSeen: 23, levelsSeen: 46, changed: 23, durationMs: expect.any(Number), errors: [], cursor: '2026-11-01T00:00:23.000Z' },
      { vendorId: 'vendor-b', mode: 'FULL', productsSeen: 4, levelsSeen: 4, changed: 4, durationMs: expect.any(Number), errors: [], cursor: '2026-11-01T00:00:04.000Z' },
    ]);
    expect(a.calls.listProducts).toBe(3);
    expect(a.calls.inventoryLevels).toBe(0); // levels came with the pages
    heard.length = 0;

    a.setStockExternally(4, 3); // another channel sold stock: product 5's updatedAt moves past the cursor
    const second = await sync({ vendorId: 'vendor-a' });
    expect(second.results).toEqual([
      // The boundary product (updatedAt == cursor) is seen again but has not changed.
      { vendorId: 'vendor-a', mode: 'INCREMENTAL', productsSeen: 2, levelsSeen: 4, changed: 1, durationMs: expect.any(Number), errors: [], cursor: '2026-11-01T00:00:24.000Z' },
    ]);
    expect(heard).toEqual([a.productId(4)]);

    const full = await sync({ vendorId: 'vendor-a', full: true });
    expect(full.results[0]).toMatchObject({ mode: 'FULL', productsSeen: 23, changed: 0 });
  });

  it('reports a vendor failure for that vendor only and keeps its cursor, so the pass is repeated', async () => {
    const a = fakeWritableSource('vendor-a', { products: 3 });
    const down = fakeWritableSource('vendor-down', { products: 3 });
    gateway = await startGatewayWithSources([a.source, down.source]);
    await sync();
    down.setStockExternally(0, 1);
    down.source.listProducts = async () => {
      throw new UpstreamError('vendor-down could not be reached (ECONNREFUSED)', { vendorId: 'vendor-down', errorClass: UpstreamErrorClass.NETWORK });
    };
    const { results } = await sync();
    expect(results[0]).toMatchObject({ vendorId: 'vendor-a', mode: 'INCREMENTAL', errors: [] });
    expect(results[1]).toEqual({
      vendorId: 'vendor-down', mode: 'INCREMENTAL', productsSeen: 0, levelsSeen: 0, changed: 0, durationMs: expect.any(Number),
      errors: [{ code: 'VENDOR_UNAVAILABLE', message: 'vendor-down could not be reached (ECONNREFUSED)' }],
      cursor: '2026-11-01T00:00:03.000Z',
    });
    expect(await gateway.services.store.getSyncCursor('vendor-down')).toMatchObject({ updatedSince: '2026-11-01T00:00:03.000Z' });
  });

  it('syncs only vendors the caller may see, and answers NOT_FOUND for another', async () => {
    const a = fakeWritableSource('vendor-a', { products: 2 });
    const b = fakeWritableSource('vendor-b', { products: 2 });
    gateway = await startGatewayWithSources([a.source, b.source], { services: { authenticator: testAuthenticator({ scoped: { vendors: ['vendor-b'] } }) } });
    const headers = { 'x-test-caller': 'scoped' };
    expect((await sync({}, headers)).results.map((result) => result.vendorId)).toEqual(['vendor-b']);
    const refused = await sync({ vendorId: 'vendor-a' }, headers);
    expect(refused.response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(a.calls.listProducts).toBe(0);
  });
});
