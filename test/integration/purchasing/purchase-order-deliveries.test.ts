import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PURCHASING_DEFAULTS } from '../../../src/config/purchasing-config.ts';
import { PurchaseOrderDeliveries } from '../../../src/purchasing/purchase-order-deliveries.ts';
import { SqliteStateStore } from '../../../src/store/sqlite-state-store.ts';
import { startErpServer } from './erp-server.ts';

/** Delivery rules against a real HTTP endpoint: what is retried, what is not, and resuming after a restart. */
const SECRET = 'delivery-secret';
let erp: Awaited<ReturnType<typeof startErpServer>>;
let store: SqliteStateStore;
let deliveries: PurchaseOrderDeliveries | null = null;

beforeAll(async () => {
  erp = await startErpServer(SECRET);
});
afterAll(() => erp.close());
afterEach(async () => {
  await deliveries?.close();
  await store.close();
});

async function submitted(id: string) {
  store = new SqliteStateStore(':memory:');
  await store.createPurchaseOrderDrafts({ scope: 's', key: id, fingerprint: id, payload: '{}', now: 1, orders: [{ id, supplierId: 'acme', vendorIds: [], lines: [{ sku: 'SG-1', quantity: 3, unitCost: { amount: '2.10', currencyCode: 'EUR' } }] }] });
  const outcome = await store.transitionPurchaseOrder({ id, from: ['DRAFT'], to: 'SUBMITTED', now: 2, expectedAt: 3 });
  if (outcome.kind !== 'changed') throw new Error('unreachable');
  return outcome.order;
}

function deliverer(url = erp.url, attempts = 3) {
  deliveries = new PurchaseOrderDeliveries({ store, logger: pino({ level: 'silent' }), now: Date.now, config: { ...PURCHASING_DEFAULTS, webhookUrl: url, webhookSecret: SECRET, deliveryAttempts: attempts, deliveryInitialDelayMs: 1, deliveryMaxDelayMs: 2 } });
  return deliveries;
}

async function settled(id: string) {
  await deliveries!.idle();
  return (await store.getPurchaseOrder(id))!.deliveries.map((delivery) => [delivery.status, delivery.httpStatus, delivery.error]);
}

describe('purchase-order deliveries', () => {
  it('does not retry an order the ERP refuses (4xx), and gives up after the attempts when it stays down', async () => {
    const refused = await submitted('PO-REFUSED');
    erp.answerNext(422);
    await deliverer().deliver(refused, null);
    expect(await settled('PO-REFUSED')).toEqual([['REJECTED', 422, 'HTTP 422']]);

    const down = await submitted('PO-DOWN');
    erp.answerNext(500, 429, 503);
    await deliverer().deliver(down, null);
    expect(await settled('PO-DOWN')).toEqual([['FAILED', 500, 'HTTP 500'], ['FAILED', 429, 'HTTP 429'], ['FAILED', 503, 'HTTP 503']]);
  });

  it('records an unreachable endpoint by its error code, never its address', async () => {
    const order = await submitted('PO-UNREACHABLE');
    await deliverer('http://127.0.0.1:9/secret-token-in-path', 1).deliver(order, null);
    const [[status, httpStatus, error]] = (await settled('PO-UNREACHABLE')) as [[string, number | null, string]];
    expect([status, httpStatus, error]).toEqual(['FAILED', null, 'ECONNREFUSED']);
  });

  it('resumes a delivery a previous process left with attempts to go, counting the stored ones', async () => {
    await submitted('PO-RESUME');
    await store.appendPurchaseOrderDelivery('PO-RESUME', { status: 'FAILED', at: 5, httpStatus: 503, error: 'HTTP 503' });
    const before = erp.deliveries.length;
    expect(await deliverer().resumePending(() => null)).toBe(1);
    expect(await settled('PO-RESUME')).toEqual([['FAILED', 503, 'HTTP 503'], ['DELIVERED', 200, null]]);
    const sent = erp.deliveries.slice(before);
    expect(sent.map((d) => [d.signatureValid, d.deliveryId, d.body.purchaseOrder.lines])).toEqual([[true, 'PO-RESUME', [{ sku: 'SG-1', quantity: 3, unitCost: { amount: '2.10', currencyCode: 'EUR' } }]]]);
    expect(await deliverer().resumePending(() => null)).toBe(0);
  });
});
