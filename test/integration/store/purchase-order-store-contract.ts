import { describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/store/state-store.ts';
import type { NewPurchaseOrder } from '../../../src/store/purchase-order-record.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

const order = (id: string, overrides: Partial<NewPurchaseOrder> = {}): NewPurchaseOrder => ({
  id,
  supplierId: 'acme-supply',
  vendorIds: ['vendor-a'],
  lines: [
    { sku: 'SG-1', quantity: 10, unitCost: { amount: '4.50', currencyCode: 'USD' } },
    { sku: 'SG-2', quantity: 5, unitCost: null },
  ],
  ...overrides,
});

const drafts = (store: StateStore, overrides: Partial<Parameters<StateStore['createPurchaseOrderDrafts']>[0]> = {}) =>
  store.createPurchaseOrderDrafts({ scope: 'caller-1', key: 'batch-1', fingerprint: 'fp-1', orders: [order('PO-1')], payload: '{"unassigned":[]}', now: T0, ...overrides });

async function submitted(store: StateStore, id = 'PO-1'): Promise<void> {
  await drafts(store, { key: `batch-${id}`, orders: [order(id)] });
  const outcome = await store.transitionPurchaseOrder({ id, from: ['DRAFT'], to: 'SUBMITTED', now: T0 + DAY, expectedAt: T0 + 8 * DAY });
  expect(outcome.kind).toBe('changed');
}

/** The purchase-order part of the StateStore contract (state-store-contract.ts runs it for every engine). */
export function describePurchaseOrderContract(open: () => Promise<StateStore>, reopen?: () => Promise<StateStore>): void {
  describe('purchase orders', () => {
    it('stores a batch of drafts once per key: the same fingerprint replays it, another one conflicts', async () => {
      const store = await open();
      const created = await drafts(store);
      expect(created.kind).toBe('created');
      if (created.kind !== 'created') throw new Error('unreachable');
      expect(created.orders.map((o) => [o.id, o.status, o.lines.map((line) => line.received)])).toEqual([['PO-1', 'DRAFT', [0, 0]]]);
      expect(created.orders[0]!.lines[0]!.unitCost).toEqual({ amount: '4.50', currencyCode: 'USD' });
      const replayed = await drafts(store, { orders: [order('PO-other')], now: T0 + 1 });
      expect(replayed).toMatchObject({ kind: 'replayed', payload: '{"unassigned":[]}' });
      if (replayed.kind !== 'replayed') throw new Error('unreachable');
      expect(replayed.orders.map((o) => o.id)).toEqual(['PO-1']);
      expect(await drafts(store, { fingerprint: 'fp-2' })).toEqual({ kind: 'conflict' });
      expect(await store.getPurchaseOrder('PO-other')).toBeNull();
      expect((await drafts(store, { scope: 'caller-2', orders: [order('PO-2')] })).kind).toBe('created');
    });

    it('creates one batch when the same key arrives concurrently', async () => {
      const store = await open();
      const outcomes = await Promise.all(['PO-a', 'PO-b', 'PO-c'].map((id) => drafts(store, { orders: [order(id)] })));
      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['created', 'replayed', 'replayed']);
      expect((await store.listPurchaseOrders({}, { first: 10, afterSequence: null })).orders).toHaveLength(1);
    });

    it('lists newest first, by status, in pages', async () => {
      const store = await open();
      for (const id of ['PO-1', 'PO-2', 'PO-3']) await drafts(store, { key: id, orders: [order(id)] });
      await store.transitionPurchaseOrder({ id: 'PO-2', from: ['DRAFT'], to: 'CANCELLED', now: T0 });
      const first = await store.listPurchaseOrders({}, { first: 2, afterSequence: null });
      expect([first.orders.map((o) => o.id), first.hasNextPage]).toEqual([['PO-3', 'PO-2'], true]);
      const rest = await store.listPurchaseOrders({}, { first: 2, afterSequence: first.orders[1]!.sequence });
      expect([rest.orders.map((o) => o.id), rest.hasNextPage]).toEqual([['PO-1'], false]);
      expect((await store.listPurchaseOrders({ statuses: ['DRAFT'] }, { first: 10, afterSequence: null })).orders.map((o) => o.id)).toEqual(['PO-3', 'PO-1']);
      expect((await store.listPurchaseOrders({ statuses: [] }, { first: 10, afterSequence: null })).orders).toEqual([]);
    });

    it('moves an order only from the statuses given', async () => {
      const store = await open();
      await submitted(store);
      const again = await store.transitionPurchaseOrder({ id: 'PO-1', from: ['DRAFT'], to: 'SUBMITTED', now: T0 + 2 * DAY });
      expect(again.kind).toBe('refused');
      const order1 = await store.getPurchaseOrder('PO-1');
      expect([order1!.status, order1!.submittedAt, order1!.expectedAt]).toEqual(['SUBMITTED', T0 + DAY, T0 + 8 * DAY]);
      expect((await store.transitionPurchaseOrder({ id: 'nope', from: ['DRAFT'], to: 'CANCELLED', now: T0 })).kind).toBe('not-found');
    });

    it('adds a receipt once however often it is recorded, and completes the order', async () => {
      const store = await open();
      await submitted(store);
      const receipt = { orderId: 'PO-1', receiptKey: 'r-1', locationId: 'loc-1', lines: [{ sku: 'SG-1', quantity: 4 }], now: T0 + 6 * DAY };
      const partial = await store.recordPurchaseOrderReceipt(receipt);
      expect([partial!.status, partial!.lines.map((line) => line.received)]).toEqual(['PARTIALLY_RECEIVED', [4, 0]]);
      await store.recordPurchaseOrderReceipt({ ...receipt, now: T0 + 7 * DAY });
      expect((await store.getPurchaseOrder('PO-1'))!.lines.map((line) => line.received)).toEqual([4, 0]);
      expect(Object.fromEntries(await store.getPurchaseOrderReceipt('PO-1', 'r-1'))).toEqual({ 'SG-1': 4 });
      expect((await store.getPurchaseOrderReceipt('PO-1', 'r-unknown')).size).toBe(0);
      const done = await store.recordPurchaseOrderReceipt({ ...receipt, receiptKey: 'r-2', lines: [{ sku: 'SG-1', quantity: 6 }, { sku: 'SG-2', quantity: 5 }], now: T0 + 9 * DAY });
      expect([done!.status, done!.lines.map((line) => line.received), done!.receivedAt]).toEqual(['RECEIVED', [10, 5], T0 + 9 * DAY]);
      expect(await store.recordPurchaseOrderReceipt({ ...receipt, orderId: 'nope' })).toBeNull();
    });

    it('lets only one of two concurrent receipts (two instances when the engine has them) hold units that together over-receive', async () => {
      const store = await open();
      await submitted(store);
      const other = reopen ? await reopen() : store;
      try {
        const reserve = (on: StateStore, receiptKey: string, quantity: number, force = false) =>
          on.reservePurchaseOrderReceipt({ orderId: 'PO-1', receiptKey, locationId: 'loc-1', lines: [{ sku: 'SG-1', quantity }], force, now: T0 + 2 * DAY });
        // SG-1: 10 ordered. Each receipt alone fits; together (14) they would over-receive.
        const outcomes = await Promise.all([reserve(store, 'r-a', 7), reserve(other, 'r-b', 7)]);
        expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['over-receipt', 'reserved']);
        expect(outcomes.find((outcome) => outcome.kind === 'over-receipt')).toMatchObject({ sku: 'SG-1', quantity: 7, open: 3 });
        const [winner, loser] = outcomes[0]!.kind === 'reserved' ? ['r-a', 'r-b'] : ['r-b', 'r-a'];
        // The refused receipt holds nothing; the winner's own retry is not blocked by its hold.
        expect((await reserve(other, winner!, 7)).kind).toBe('reserved');
        expect((await reserve(store, loser!, 4)).kind).toBe('over-receipt');
        const recorded = await store.recordPurchaseOrderReceipt({ orderId: 'PO-1', receiptKey: winner!, locationId: 'loc-1', lines: [{ sku: 'SG-1', quantity: 7 }], now: T0 + 2 * DAY });
        expect(recorded!.lines.map((line) => line.received)).toEqual([7, 0]);
        // Recorded, the hold is released: 3 are open, not 4 — unless forced.
        expect((await reserve(other, loser!, 4)).kind).toBe('over-receipt');
        expect((await reserve(other, loser!, 4, true)).kind).toBe('reserved');
        // A receipt recorded with nothing applied (its stock change failed) releases its hold too.
        await other.recordPurchaseOrderReceipt({ orderId: 'PO-1', receiptKey: loser!, locationId: 'loc-1', lines: [], now: T0 + 2 * DAY });
        expect((await reserve(store, 'r-c', 3)).kind).toBe('reserved');
        expect((await store.getPurchaseOrder('PO-1'))!.lines.map((line) => line.received)).toEqual([7, 0]);
        expect(await store.reservePurchaseOrderReceipt({ orderId: 'nope', receiptKey: 'r', locationId: 'l', lines: [], force: false, now: T0 })).toEqual({ kind: 'not-found' });
      } finally {
        if (other !== store) await other.close();
      }
    });

    it('measures one lead time per line, from submission to its first receipt', async () => {
      const store = await open();
      await submitted(store);
      await store.recordPurchaseOrderReceipt({ orderId: 'PO-1', receiptKey: 'r-1', locationId: 'l', lines: [{ sku: 'SG-1', quantity: 4 }], now: T0 + 6 * DAY });
      await store.recordPurchaseOrderReceipt({ orderId: 'PO-1', receiptKey: 'r-2', locationId: 'l', lines: [{ sku: 'SG-1', quantity: 6 }, { sku: 'SG-2', quantity: 1 }], now: T0 + 9 * DAY });
      const samples = await store.listLeadTimeSamples({ supplierId: 'acme-supply', since: T0 });
      expect(samples.map((s) => [s.sku, (s.receivedAt - s.submittedAt) / DAY])).toEqual([['SG-1', 5], ['SG-2', 8]]);
      expect(await store.listLeadTimeSamples({ supplierId: 'other', since: T0 })).toEqual([]);
      expect(await store.listLeadTimeSamples({ since: T0 + 7 * DAY })).toHaveLength(1);
    });

    it('numbers delivery attempts per order and keeps them with the order', async () => {
      const store = await open();
      await submitted(store);
      expect(await store.appendPurchaseOrderDelivery('PO-1', { status: 'FAILED', at: T0 + 1, httpStatus: 503, error: 'HTTP 503' })).toBe(1);
      expect(await store.appendPurchaseOrderDelivery('PO-1', { status: 'DELIVERED', at: T0 + 2, httpStatus: 200, error: null })).toBe(2);
      const found = await store.getPurchaseOrder('PO-1');
      expect(found!.deliveries.map((d) => [d.attempt, d.status, d.httpStatus])).toEqual([[1, 'FAILED', 503], [2, 'DELIVERED', 200]]);
    });

    if (reopen) {
      // Engines with durable storage only (the in-memory SQLite store has nothing to reopen), as in the main contract.
      it('keeps orders, receipts and deliveries across a restart', async () => {
        const store = await open();
        await submitted(store);
        await store.recordPurchaseOrderReceipt({ orderId: 'PO-1', receiptKey: 'r-1', locationId: 'l', lines: [{ sku: 'SG-2', quantity: 5 }], now: T0 + 3 * DAY });
        await store.appendPurchaseOrderDelivery('PO-1', { status: 'DELIVERED', at: T0, httpStatus: 204, error: null });
        await store.close();
        const restarted = await reopen();
        try {
          const found = await restarted.getPurchaseOrder('PO-1');
          expect([found!.status, found!.lines.map((line) => line.received), found!.deliveries.length]).toEqual(['PARTIALLY_RECEIVED', [0, 5], 1]);
          expect((await drafts(restarted, { key: 'batch-PO-1', orders: [order('PO-1')] })).kind).toBe('replayed');
        } finally {
          await restarted.close();
        }
      });
    }
  });
}
