import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/error-code.ts';
import type { InventoryLevel, StandardProduct } from '../../../src/model/standard-model.ts';
import { sharedDemoSkus } from '../../../src/sandbox/demo-catalog.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startCustomKit, type CustomKit } from './custom-test-kit.ts';

let harness: CustomKit | undefined;
afterEach(async () => {
  await harness?.sim.close();
  harness = undefined;
});

describe('productsBySkus', () => {
  it('answers 100 SKUs in ceil(100/50) = 2 requests, in key order, [] for unknown SKUs', async () => {
    harness = await startCustomKit();
    const known = harness.sim.catalog.flatMap((item) => (item.sku ? [item.sku] : []));
    const skus = [...known.slice(0, 95).reverse(), 'NOPE-1', 'NOPE-2', 'NOPE-3', 'NOPE-4', 'NOPE-5'];
    expect(skus).toHaveLength(100);
    const answers = await harness.source.productsBySkus(testCallContext(), skus);
    expect(harness.sim.server.count()).toBe(2);
    expect(harness.sim.server.requestLog.every((entry) => entry.operation === 'GET /products/batch')).toBe(true);
    expect(answers).toHaveLength(100);
    answers.forEach((answer, index) => {
      const sku = skus[index];
      expect(answer).not.toBeInstanceOf(Error);
      expect((answer as StandardProduct[]).map((p) => p.sku)).toEqual(sku?.startsWith('NOPE') ? [] : [sku]);
    });
  });

  it('carries every shared demo SKU', async () => {
    harness = await startCustomKit();
    const answers = await harness.source.productsBySkus(testCallContext(), sharedDemoSkus());
    expect(answers.every((answer) => Array.isArray(answer) && answer.length === 1)).toBe(true);
  });

  it('sends a repeated SKU once', async () => {
    harness = await startCustomKit();
    const answers = await harness.source.productsBySkus(testCallContext(), ['SG-1000', 'SG-1000']);
    expect(harness.sim.server.requestLog[0]?.query).toBe('?skus=SG-1000');
    expect(answers[0]).toEqual(answers[1]);
  });

  it('walks the listing when the mapping has no SKU lookup (documented fallback)', async () => {
    harness = await startCustomKit({ edit: (doc) => ({ ...doc, mapping: { ...doc.mapping, lookup: { byIds: doc.mapping.lookup.byIds } } }) });
    const answers = await harness.source.productsBySkus(testCallContext(), ['SG-1059', 'NOPE']);
    expect((answers[0] as StandardProduct[]).map((p) => p.sku)).toEqual(['SG-1059']);
    expect(answers[1]).toEqual([]);
    expect(harness.sim.server.count((entry) => entry.operation === 'GET /products')).toBe(2);
  });
});

describe('productsByNativeIds', () => {
  it('batches 120 ids into 3 requests and answers null for unknown ids', async () => {
    harness = await startCustomKit();
    const ids = [...harness.sim.catalog.slice(0, 119).map((item) => item.id), 'DS-99999'];
    const answers = await harness.source.productsByNativeIds(testCallContext(), ids);
    expect(harness.sim.server.count()).toBe(3);
    expect(answers.slice(0, 119).map((p) => (p as StandardProduct).nativeId)).toEqual(ids.slice(0, 119));
    expect(answers[119]).toBeNull();
  });

  it('uses one request per id with a single-item path template, 404 meaning null', async () => {
    harness = await startCustomKit({
      edit: (doc) => ({ ...doc, mapping: { ...doc.mapping, lookup: { byIds: { mode: 'single', path: '/products/{id}', itemPath: 'data' } } } }),
    });
    const answers = await harness.source.productsByNativeIds(testCallContext(), ['DS-10005', 'DS-00000', 'DS-10001']);
    expect(answers.map((p) => (p as StandardProduct | null)?.nativeId ?? null)).toEqual(['DS-10005', null, 'DS-10001']);
    expect(harness.sim.server.count((entry) => entry.operation === 'GET /products/:id')).toBe(3);
    expect(harness.source.limits.maxBatchSize).toBe(1);
  });

  it('puts an item that does not fit the mapping in its own Error slot', async () => {
    harness = await startCustomKit();
    const broken = harness.sim.catalog[1] as unknown as { status: string };
    broken.status = 'quarantined';
    const answers = await harness.source.productsByNativeIds(testCallContext(), ['DS-10001', 'DS-10002']);
    expect(answers[0]).toMatchObject({ nativeId: 'DS-10001' });
    expect(answers[1]).toBeInstanceOf(Error);
    expect(answers[1]).toMatchObject({ code: ErrorCode.VENDOR_ERROR });
    expect((answers[1] as Error).message).toContain('fields.status: value "quarantined" at "status" is not in fields.status.map');
  });

  it('fails the whole call on a vendor 500 (the loader then caches nothing)', async () => {
    harness = await startCustomKit();
    harness.sim.server.setFaults({ errorRate: 1 });
    await expect(harness.source.productsByNativeIds(testCallContext(), ['DS-10001'])).rejects.toMatchObject({
      code: ErrorCode.VENDOR_ERROR,
      message: 'dropship: The feed is temporarily unavailable',
      retryable: true,
    });
  });

  it('classifies a 429 as VENDOR_RATE_LIMITED with the Retry-After seconds', async () => {
    harness = await startCustomKit();
    harness.sim.server.setFaults({ throttleRate: 1 });
    await expect(harness.source.productsByNativeIds(testCallContext(), ['DS-10001'])).rejects.toMatchObject({
      code: ErrorCode.VENDOR_RATE_LIMITED,
      retryAfterSeconds: 2,
    });
  });
});

describe('inventoryLevels', () => {
  it('answers levels that came inline without a request, and fetches the rest in one batch', async () => {
    harness = await startCustomKit();
    const ctx = testCallContext();
    const page = await harness.source.listProducts(ctx, { first: 3, after: null, filter: {}, includeInventoryLevels: true });
    harness.sim.server.clearLog();
    const stripped = page.products.map(({ inventoryLevels: _levels, ...rest }) => rest);
    const levels = await harness.source.inventoryLevels(ctx, [...page.products, ...stripped]);
    expect(harness.sim.server.count()).toBe(1);
    expect(levels.slice(3)).toEqual(levels.slice(0, 3));
    const item = harness.sim.catalog[2];
    expect((levels[2] as readonly InventoryLevel[]).map((l) => [l.locationName, l.available, l.onHand])).toEqual(
      item?.stock.map((s) => [s.warehouse.name, s.available, s.on_hand]),
    );
  });
});
