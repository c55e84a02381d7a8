import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { StockChangeNotifier } from '../../../src/stock-changes/stock-change-listener.ts';
import type { InventoryChangeEvent, InventoryEventBus } from '../../../src/realtime/inventory-event-bus.ts';
import { SqliteStateStore } from '../../../src/store/sqlite-state-store.ts';
import { SyncJobService } from '../../../src/sync/sync-job-service.ts';
import { VendorRegistry } from '../../../src/vendors/vendor-registry.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { testConfig } from '../../support/start-test-gateway.ts';

/** A bus for this test only: what was published, in order (the realtime work supplies the real one). */
function recordingBus(): InventoryEventBus & { readonly published: InventoryChangeEvent[] } {
  const published: InventoryChangeEvent[] = [];
  return {
    published,
    async publish(events) {
      published.push(...events);
    },
    subscribe: () => () => undefined,
    async close() {},
  };
}

const logger = pino({ level: 'silent' });
const store = new SqliteStateStore(':memory:');
let service: SyncJobService | undefined;
afterEach(async () => {
  await service?.close();
});

async function runJob(jobs: SyncJobService, vendorId: string, mode: 'FULL' | 'INCREMENTAL') {
  const job = await jobs.startJob(vendorId, mode);
  return (await jobs.waitFor(job.id, new AbortController().signal))!;
}

describe('what a sync job tells', () => {
  it('publishes levels that differ from what the gateway knew as SYNC events, and invalidates those products', async () => {
    const vendor = fakeWritableSource('vendor-events', { products: 12, locations: ['main', 'backroom'], maxPageSize: 5 });
    const bus = recordingBus();
    const listener = new StockChangeNotifier(logger);
    const invalidated: string[] = [];
    listener.subscribe({ invalidate: (ids) => void invalidated.push(...ids) });
    service = new SyncJobService({ config: testConfig(), registry: new VendorRegistry([vendor.source]), store, listener, bus, logger });

    // The first pass: nothing was known before, so nothing "changed"; the products are invalidated.
    expect(await runJob(service, 'vendor-events', 'FULL')).toMatchObject({ status: 'SUCCEEDED', processed: 12 });
    expect(bus.published).toEqual([]);
    expect(invalidated).toHaveLength(12);
    invalidated.length = 0;

    const before = vendor.stockOf(3, 'backroom');
    vendor.setStockExternally(3, before + 7, 'backroom'); // another channel received stock
    expect(await runJob(service, 'vendor-events', 'INCREMENTAL')).toMatchObject({ status: 'SUCCEEDED' });
    expect(bus.published).toEqual([
      {
        eventId: expect.stringMatching(/^sync:/),
        vendorId: 'vendor-events',
        productId: vendor.productId(3),
        sku: expect.any(String),
        locationId: vendor.locationId('backroom'),
        before,
        after: before + 7,
        source: 'SYNC',
        occurredAt: expect.any(String),
      },
    ]);
    expect(invalidated).toEqual([vendor.productId(3)]);

    // Nothing changed since: a full pass tells nothing.
    bus.published.length = 0;
    expect(await runJob(service, 'vendor-events', 'FULL')).toMatchObject({ status: 'SUCCEEDED', processed: 12 });
    expect(bus.published).toEqual([]);
  });

  it('reads only what changed since the last successful pass in INCREMENTAL mode', async () => {
    const vendor = fakeWritableSource('vendor-incremental', { products: 20, maxPageSize: 5 });
    const filters: Array<string | null | undefined> = [];
    const list = vendor.source.listProducts.bind(vendor.source);
    vendor.source.listProducts = (ctx, request) => {
      filters.push(request.filter.updatedSince);
      return list(ctx, request);
    };
    service = new SyncJobService({ config: testConfig(), registry: new VendorRegistry([vendor.source]), store, listener: new StockChangeNotifier(logger), logger });
    expect(await runJob(service, 'vendor-incremental', 'INCREMENTAL')).toMatchObject({ processed: 20 }); // no cursor yet: everything
    vendor.setStockExternally(7, 1);
    filters.length = 0;
    const second = await runJob(service, 'vendor-incremental', 'INCREMENTAL');
    // The boundary product (updatedAt == cursor) is read again, plus the one that changed.
    expect(second).toMatchObject({ status: 'SUCCEEDED', processed: 2 });
    expect(filters).toEqual([expect.any(String)]);
  });
});
