import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/create-authenticator.ts';
import { fixedFlags } from '../../../src/flags/flag-evaluator.ts';
import { ALL_FLAGS, FeatureFlag } from '../../../src/flags/flag-names.ts';
import type { FlagService } from '../../../src/flags/flag-service.ts';
import type { StateStore } from '../../../src/store/state-store.ts';
import { SqliteStateStore } from '../../../src/store/sqlite-state-store.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { KEYS, productionAuthConfig } from '../auth/auth-test-kit.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { errorCode, receiveOrder, submitOrder, createDrafts } from './purchasing-documents.ts';

/** Who may run the purchasing mutations, the flag, and a receipt retried after a crash between stock and order. */
const shop = fakeWritableSource('acme-shopify', { products: 2 });
const woo = fakeWritableSource('acme-woo', { products: 2 });
const inner = new SqliteStateStore(':memory:');
let failNextReceipt = false;
/** The store as it is, except that one receipt write can be made to fail: the process "dies" after the stock changed. */
const store: StateStore = new Proxy(inner, {
  get(target, property, receiver) {
    if (property === 'recordPurchaseOrderReceipt') {
      return async (...args: Parameters<StateStore['recordPurchaseOrderReceipt']>) => {
        if (failNextReceipt) {
          failNextReceipt = false;
          throw new Error('crashed before the receipt was recorded');
        }
        return target.recordPurchaseOrderReceipt(...args);
      };
    }
    const value = Reflect.get(target, property, receiver) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});
let gateway: TestGateway;
let flagOff: TestGateway;
const admin = { 'x-api-key': KEYS.admin };
const writer = { 'x-api-key': KEYS.writer };
const viewer = { 'x-api-key': KEYS.viewer };

async function submittedOrder(id: string): Promise<void> {
  await store.createPurchaseOrderDrafts({ scope: 'seed', key: id, fingerprint: id, payload: '{}', now: Date.now(), orders: [{ id, supplierId: 'acme-supply', vendorIds: ['acme-woo'], lines: [{ sku: 'SKU-1', quantity: 10, unitCost: null }] }] });
  await store.transitionPurchaseOrder({ id, from: ['DRAFT'], to: 'SUBMITTED', now: Date.now() - 86_400_000 });
}

beforeAll(async () => {
  const config = { ...productionAuthConfig(), suppliers: [{ id: 'acme-supply', name: 'ACME Supply', leadTimeDays: 4, leadTimeStdDays: 0, skus: ['SKU-*'] }] };
  gateway = await startGatewayWithSources([shop.source, woo.source], { config, services: { store, authenticator: createAuthenticator(config) } });
  const noReorder: FlagService = { forCaller: () => fixedFlags(ALL_FLAGS.filter((flag) => flag !== FeatureFlag.AUTO_REORDER && flag !== FeatureFlag.DEBUG_MODE)), status: () => ({ loaded: true, source: 'test', lastError: null }), close: async () => {} };
  flagOff = await startGatewayWithSources([shop.source, woo.source], { config, services: { authenticator: createAuthenticator(config), flags: noReorder } });
  await submittedOrder('PO-ROLES');
  await store.createPurchaseOrderDrafts({ scope: 'seed', key: 'draft', fingerprint: 'd', payload: '{}', now: Date.now(), orders: [{ id: 'PO-DRAFT', supplierId: 'acme-supply', vendorIds: ['acme-woo'], lines: [{ sku: 'SKU-2', quantity: 1, unitCost: null }] }] });
});
afterAll(async () => {
  await gateway.close();
  await flagOff.close();
  await inner.close();
});

const receipt = (key: string, quantity = 3) => ({ idempotencyKey: key, purchaseOrderId: 'PO-ROLES', locationId: woo.locationId(), lines: [{ sku: 'SKU-1', quantity }] });

describe('purchasing roles', () => {
  it('refuses a viewer everything and a writer the submit, before anything runs', async () => {
    const commits = woo.calls.commits;
    expect(errorCode(await receiveOrder(gateway.url, receipt('v-1'), viewer))).toBe('FORBIDDEN');
    expect(errorCode(await createDrafts(gateway.url, { idempotencyKey: 'v-2' }, viewer))).toBe('FORBIDDEN');
    expect(errorCode(await submitOrder(gateway.url, 'PO-DRAFT', writer))).toBe('FORBIDDEN');
    expect((await submitOrder(gateway.url, 'PO-DRAFT')).status).toBe(401);
    expect(woo.calls.commits).toBe(commits);
    expect((await store.getPurchaseOrder('PO-DRAFT'))!.status).toBe('DRAFT');
  });

  it('lets an admin submit and an inventory:write caller receive', async () => {
    expect((await submitOrder(gateway.url, 'PO-DRAFT', admin)).data!.submitPurchaseOrder.status).toBe('SUBMITTED');
    const received = (await receiveOrder(gateway.url, { ...receipt('w-1', 1), purchaseOrderId: 'PO-DRAFT', lines: [{ sku: 'SKU-2', quantity: 1 }] }, writer)).data!.receivePurchaseOrder;
    expect(received.purchaseOrder.status).toBe('RECEIVED');
  });

  it('answers FEATURE_DISABLED when auto_reorder_enabled is off for the caller', async () => {
    expect(errorCode(await receiveOrder(flagOff.url, receipt('f-1'), writer))).toBe('FEATURE_DISABLED');
    expect(errorCode(await submitOrder(flagOff.url, 'PO-ROLES', admin))).toBe('FEATURE_DISABLED');
  });
});

describe('a receipt retried after a crash', () => {
  it('changes stock once and records the receipt on the retry', async () => {
    const before = woo.stockOf(0);
    const writesBefore = woo.vendorWrites.length;
    failNextReceipt = true;
    const crashed = await receiveOrder(gateway.url, receipt('crash-1'), writer);
    expect(crashed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect([woo.stockOf(0), (await store.getPurchaseOrder('PO-ROLES'))!.lines[0]!.received]).toEqual([before + 3, 0]);

    const retried = (await receiveOrder(gateway.url, receipt('crash-1'), writer)).data!.receivePurchaseOrder;
    expect([retried.results[0]!.status, retried.purchaseOrder.status, retried.purchaseOrder.lines[0]!.received]).toEqual(['APPLIED', 'PARTIALLY_RECEIVED', 3]);
    expect([woo.stockOf(0), woo.vendorWrites.length - writesBefore]).toEqual([before + 3, 1]);
    const again = (await receiveOrder(gateway.url, receipt('crash-1'), writer)).data!.receivePurchaseOrder;
    expect(again.purchaseOrder.lines[0]!.received).toBe(3);
    const audit = await store.queryAudit({ idempotencyKey: 'receive:crash-1' }, { first: 10, afterSequence: null });
    expect(audit.entries.map((entry) => [entry.reason, entry.delta])).toEqual([['PO-ROLES', 3]]);
    expect((await store.listLeadTimeSamples({ supplierId: 'acme-supply', since: 0 })).filter((s) => s.orderId === 'PO-ROLES')).toHaveLength(1);
  });

  it('counts two callers\' receipts under the same key as two receipts, as the stock path applies them', async () => {
    const before = [woo.stockOf(0), (await store.getPurchaseOrder('PO-ROLES'))!.lines[0]!.received];
    await receiveOrder(gateway.url, receipt('same-key', 1), writer);
    await receiveOrder(gateway.url, receipt('same-key', 1), admin);
    expect([woo.stockOf(0), (await store.getPurchaseOrder('PO-ROLES'))!.lines[0]!.received]).toEqual([before[0]! + 2, before[1]! + 2]);
  });
});

describe('a vendor-scoped caller\'s purchase-order list', () => {
  it('fills each page with orders it may see, even when newer orders of other vendors come first', async () => {
    const seed = async (id: string, vendorId: string) =>
      store.createPurchaseOrderDrafts({ scope: 'seed', key: id, fingerprint: id, payload: '{}', now: Date.now(), orders: [{ id, supplierId: 'acme-supply', vendorIds: [vendorId], lines: [{ sku: 'SKU-1', quantity: 1, unitCost: null }] }] });
    await seed('PO-WOO-NEW', 'acme-woo');
    // Newer than every acme-woo order: a page cut before the filter would come back empty.
    for (const id of ['PO-SHOP-1', 'PO-SHOP-2', 'PO-SHOP-3']) await seed(id, 'acme-shopify');
    const wooOnly = { 'x-api-key': KEYS.wooOnly };
    type Page = { purchaseOrders: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const page = (after: string | null) => postGraphQL<Page>(gateway.url, 'query($after: String) { purchaseOrders(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { after }, wooOnly);

    const first = (await page(null)).data!.purchaseOrders;
    expect([first.edges.map((edge) => edge.node.id), first.pageInfo.hasNextPage]).toEqual([['PO-WOO-NEW', 'PO-DRAFT'], true]);
    const second = (await page(first.pageInfo.endCursor)).data!.purchaseOrders;
    expect([second.edges.map((edge) => edge.node.id), second.pageInfo.hasNextPage]).toEqual([['PO-ROLES'], false]);
    // An unscoped caller sees the other vendor's orders on its first page.
    const all = await postGraphQL<Page>(gateway.url, '{ purchaseOrders(first: 3) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', {}, viewer);
    expect(all.data!.purchaseOrders.edges.map((edge) => edge.node.id)).toEqual(['PO-SHOP-3', 'PO-SHOP-2', 'PO-SHOP-1']);
  });
});

describe('two instances receiving one order at once', () => {
  it('applies the stock of only the receipt that fits, refusing the other before its stock moves', async () => {
    await submittedOrder('PO-RACE');
    const config = { ...productionAuthConfig(), suppliers: [{ id: 'acme-supply', name: 'ACME Supply', leadTimeDays: 4, leadTimeStdDays: 0, skus: ['SKU-*'] }] };
    // A second gateway over the same store: its own per-order lock, so only the store can keep the rule.
    const second = await startGatewayWithSources([shop.source, woo.source], { config, services: { store, authenticator: createAuthenticator(config) } });
    try {
      const before = woo.stockOf(0);
      const race = (url: string, key: string) => receiveOrder(url, { ...receipt(key, 7), purchaseOrderId: 'PO-RACE' }, writer);
      const answers = await Promise.all([race(gateway.url, 'race-a'), race(second.url, 'race-b')]);
      expect(answers.map((answer) => (answer.errors ? errorCode(answer) : answer.data!.receivePurchaseOrder.results[0]!.status)).sort()).toEqual(['APPLIED', 'BAD_USER_INPUT']);
      expect([woo.stockOf(0) - before, (await store.getPurchaseOrder('PO-RACE'))!.lines[0]!.received]).toEqual([7, 7]);
    } finally {
      await second.close();
    }
  });
});
