import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/error-code.ts';
import type { StandardProduct } from '../../../src/model/standard-model.ts';
import type { UpstreamPolicy } from '../../../src/resilience/upstream-policy.ts';
import { InventoryChangeStatus, type InventoryChange } from '../../../src/vendors/vendor-source.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startCustomKit, type CustomKit } from './custom-test-kit.ts';
import { applyInPhases } from '../../../src/vendors/stock-writes/phased-writes.ts';

let harness: CustomKit | undefined;
afterEach(async () => {
  await harness?.sim.close();
  harness = undefined;
});

const OPTIONS = { idempotencyKey: 'key-1', reason: 'correction' };
const ITEM = 'DS-10003'; // stocked at rtm, lyn and lod
const WAREHOUSE = 'lyn';

/**
 * A policy that retries every idempotent call once after a failure (so a write that were marked
 * idempotent by mistake would be sent twice) and can time out the attempts in flight on demand,
 * standing in for the per-attempt timeout without waiting for a clock.
 */
function testPolicy() {
  const inFlight = new Set<AbortController>();
  const policy: UpstreamPolicy = {
    async execute(call, options) {
      const attempt = async () => {
        const controller = new AbortController();
        inFlight.add(controller);
        try {
          return await call(AbortSignal.any([options.signal, controller.signal]));
        } finally {
          inFlight.delete(controller);
        }
      };
      try {
        return await attempt();
      } catch (error) {
        if (!options.idempotent) throw error;
        return attempt();
      }
    },
  };
  const timeOutInFlight = () => {
    for (const controller of inFlight) controller.abort(new DOMException('attempt timed out', 'TimeoutError'));
  };
  return { policy, timeOutInFlight };
}

async function product(h: CustomKit, id = ITEM): Promise<StandardProduct> {
  const [found] = await h.source.productsByNativeIds(testCallContext(), [id]);
  if (!found || found instanceof Error) throw new Error(`no product ${id}`);
  h.sim.server.clearLog();
  return found;
}

const puts = (h: CustomKit) => h.sim.server.count((entry) => entry.method === 'PUT');

describe('stock writes (applyInPhases)', () => {
  it('sets an absolute quantity: fresh read, one PUT with the rendered body, APPLIED with before/after', async () => {
    harness = await startCustomKit();
    const before = harness.sim.available(ITEM, WAREHOUSE) ?? -1;
    const [result] = await applyInPhases(harness.source.stockWrites, 
      testCallContext(),
      [{ product: await product(harness), locationNativeId: WAREHOUSE, mode: 'set', quantity: before + 5 }],
      OPTIONS,
    );
    expect(result).toMatchObject({ status: InventoryChangeStatus.APPLIED, before, after: before + 5, error: null, level: { available: before + 5, locationName: 'Lyon' } });
    expect(harness.sim.available(ITEM, WAREHOUSE)).toBe(before + 5);
    expect(harness.sim.server.requestLog.map((entry) => entry.operation)).toEqual(['GET /products/batch', 'PUT /products/:id/stock/:warehouse']);
    expect(harness.sim.server.requestLog[1]).toMatchObject({ path: `/api/v1/products/${ITEM}/stock/${WAREHOUSE}`, body: { quantity: before + 5 } });
  });

  it('computes a delta against the fresh read, not the level the caller saw', async () => {
    harness = await startCustomKit();
    const seen = await product(harness);
    const entry = harness.sim.catalog.find((item) => item.id === ITEM)?.stock.find((s) => s.warehouse.code === WAREHOUSE);
    if (!entry) throw new Error('fixture');
    entry.available = 40; // someone else changed it after the caller read the product
    const [result] = await applyInPhases(harness.source.stockWrites, testCallContext(), [{ product: seen, locationNativeId: WAREHOUSE, mode: 'adjust', delta: -3 }], OPTIONS);
    expect(result).toMatchObject({ status: InventoryChangeStatus.APPLIED, before: 40, after: 37 });
    expect(harness.sim.available(ITEM, WAREHOUSE)).toBe(37);
  });

  it('answers CONFLICT and writes nothing when compareQuantity does not match', async () => {
    harness = await startCustomKit();
    const current = harness.sim.available(ITEM, WAREHOUSE) ?? -1;
    const [result] = await applyInPhases(harness.source.stockWrites, 
      testCallContext(),
      [{ product: await product(harness), locationNativeId: WAREHOUSE, mode: 'set', quantity: 1, compareQuantity: current + 1 }],
      OPTIONS,
    );
    expect(result).toMatchObject({ status: InventoryChangeStatus.CONFLICT, before: current, after: current, level: { available: current } });
    expect(result?.error?.message).toBe(`compareQuantity ${current + 1} does not match the current available quantity ${current}`);
    expect(puts(harness)).toBe(0);
    expect(harness.sim.available(ITEM, WAREHOUSE)).toBe(current);
  });

  it('applies several changes to one level one after another, each against the previous result', async () => {
    harness = await startCustomKit();
    const start = harness.sim.available(ITEM, WAREHOUSE) ?? -1;
    const p = await product(harness);
    const changes: InventoryChange[] = [
      { product: p, locationNativeId: WAREHOUSE, mode: 'adjust', delta: 2 },
      { product: p, locationNativeId: WAREHOUSE, mode: 'adjust', delta: 3, compareQuantity: start + 2 },
      { product: p, locationNativeId: 'rtm', mode: 'adjust', delta: 1 },
    ];
    const results = await applyInPhases(harness.source.stockWrites, testCallContext(), changes, OPTIONS);
    expect(results.map((r) => [r.status, r.after])).toEqual([
      [InventoryChangeStatus.APPLIED, start + 2],
      [InventoryChangeStatus.APPLIED, start + 5],
      [InventoryChangeStatus.APPLIED, expect.any(Number)],
    ]);
    expect(harness.sim.available(ITEM, WAREHOUSE)).toBe(start + 5);
  });

  it('resolves a timeout after the vendor applied the write by reading back: APPLIED, sent once', async () => {
    const { policy, timeOutInFlight } = testPolicy();
    harness = await startCustomKit({ policy });
    harness.sim.server.setFaults({ timeoutAfterApplyRate: 1, pathIncludes: '/stock/' });
    harness.sim.handler.onStockWrite = () => timeOutInFlight();
    const start = harness.sim.available(ITEM, WAREHOUSE) ?? -1;
    const [result] = await applyInPhases(harness.source.stockWrites, testCallContext(), [{ product: await product(harness), locationNativeId: WAREHOUSE, mode: 'adjust', delta: 4 }], OPTIONS);
    expect(result).toMatchObject({ status: InventoryChangeStatus.APPLIED, before: start, after: start + 4, error: null });
    expect(puts(harness)).toBe(1);
    expect(harness.sim.handler.stockWrites).toHaveLength(1);
    expect(harness.sim.available(ITEM, WAREHOUSE)).toBe(start + 4);
    expect(harness.sim.server.requestLog.map((entry) => entry.operation)).toEqual([
      'GET /products/batch',
      'PUT /products/:id/stock/:warehouse',
      'GET /products/batch',
    ]);
  });

  it('reports a write cut off before the vendor applied it as FAILED and safe to retry, without re-sending', async () => {
    const { policy } = testPolicy();
    harness = await startCustomKit({ policy });
    harness.sim.server.setFaults({ resetRate: 1, pathIncludes: '/stock/' });
    const start = harness.sim.available(ITEM, WAREHOUSE) ?? -1;
    const [result] = await applyInPhases(harness.source.stockWrites, testCallContext(), [{ product: await product(harness), locationNativeId: WAREHOUSE, mode: 'set', quantity: start + 9 }], OPTIONS);
    expect(result).toMatchObject({ status: InventoryChangeStatus.FAILED, before: start, after: start, error: { code: ErrorCode.VENDOR_UNAVAILABLE } });
    expect(result?.error?.message).toContain('the change was not applied and can be retried');
    expect(puts(harness)).toBe(1);
    expect(harness.sim.available(ITEM, WAREHOUSE)).toBe(start);
  });

  it('answers a vendor rejection (negative stock) as FAILED VENDOR_REJECTED without a read-back', async () => {
    harness = await startCustomKit();
    const start = harness.sim.available(ITEM, WAREHOUSE) ?? 0;
    const [result] = await applyInPhases(harness.source.stockWrites, testCallContext(), [{ product: await product(harness), locationNativeId: WAREHOUSE, mode: 'adjust', delta: -(start + 1) }], OPTIONS);
    expect(result).toMatchObject({ status: InventoryChangeStatus.FAILED, error: { code: ErrorCode.VENDOR_REJECTED, message: 'dropship rejected the input: quantity must be a whole number of at least 0' } });
    expect(harness.sim.server.count()).toBe(2);
  });

  it('answers FAILED for a location the item is not stocked at', async () => {
    harness = await startCustomKit();
    const [result] = await applyInPhases(harness.source.stockWrites, testCallContext(), [{ product: await product(harness, 'DS-10001'), locationNativeId: 'lod', mode: 'set', quantity: 3 }], OPTIONS);
    expect(result).toMatchObject({ status: InventoryChangeStatus.FAILED, error: { code: ErrorCode.NOT_FOUND } });
    expect(puts(harness)).toBe(0);
  });

  it('answers FAILED "does not accept stock changes" when the mapping has no write, sending nothing', async () => {
    harness = await startCustomKit({ edit: (doc) => ({ ...doc, mapping: { ...doc.mapping, write: undefined } }) });
    const p = await product(harness);
    const [result] = await applyInPhases(harness.source.stockWrites, testCallContext(), [{ product: p, locationNativeId: WAREHOUSE, mode: 'set', quantity: 3 }], OPTIONS);
    expect(result).toMatchObject({ status: InventoryChangeStatus.FAILED, error: { code: ErrorCode.VENDOR_REJECTED, message: 'Dropship Co does not accept stock changes (its mapping has no write)' } });
    expect(harness.sim.server.count()).toBe(0);
  });
});
