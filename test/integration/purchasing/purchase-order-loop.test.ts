import picomatch from 'picomatch';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../../../src/config/config-schema.ts';
import { startDemoSandbox, type DemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startErpServer } from './erp-server.ts';
import { createDrafts, errorCode, readOrder, receiveOrder, submitOrder, cancelOrder, type OrderView } from './purchasing-documents.ts';

/**
 * The purchasing loop end to end in demo mode (the four vendor simulators over real HTTP):
 * suggestions → one draft per supplier → submitted and delivered, signed, to an ERP (down, then
 * up) → received into stock at a vendor's location exactly once → the measured lead time.
 */
const SECRET = 'erp-shared-secret';
const SUPPLIERS = [
  { id: 'north-supply', name: 'North Supply', leadTimeDays: 5, leadTimeStdDays: 0, skus: ['SG-10[0-2]*'] },
  { id: 'south-supply', name: 'South Supply', leadTimeDays: 9, leadTimeStdDays: 1, skus: ['SG-10[3-4]*'] },
];
let sandbox: DemoSandbox;
let gateway: RunningGateway;
let erp: Awaited<ReturnType<typeof startErpServer>>;
let url: string;

beforeAll(async () => {
  sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
  erp = await startErpServer(SECRET);
  const config: GatewayConfig = {
    ...sandbox.config,
    suppliers: SUPPLIERS,
    purchasing: { webhookUrl: erp.url, webhookSecret: SECRET, deliveryAttempts: 4, deliveryInitialDelayMs: 1, deliveryMaxDelayMs: 5, deliveryTimeoutMs: 5_000, minLeadTimeSamples: 1 },
  };
  gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  url = gateway.url;
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await sandbox?.close();
  await erp?.close();
});

type Due = { sku: string; vendorId: string; suggestedQuantity: number };
async function dueSuggestions(): Promise<Due[]> {
  const response = await postGraphQL<{ vendors: Array<{ id: string; reorderSuggestions: Array<Due & { needsReorder: boolean }> }> }>(
    url,
    '{ vendors { id reorderSuggestions { sku vendorId needsReorder suggestedQuantity } } }',
  );
  return response.data!.vendors.flatMap((vendor) => vendor.reorderSuggestions.filter((s) => s.needsReorder && s.suggestedQuantity > 0));
}

async function deliveredEventually(id: string): Promise<OrderView> {
  for (let poll = 0; poll < 500; poll += 1) {
    const order = (await readOrder(url, id))!;
    if (order.deliveries.some((delivery) => delivery.status !== 'FAILED') || order.deliveries.length >= 4) return order;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`delivery of ${id} never finished`);
}

let drafts: OrderView[] = [];

describe('createPurchaseOrderDrafts', () => {
  it('makes one draft per supplier from the current suggestions and reports SKUs no supplier takes', async () => {
    const due = await dueSuggestions();
    expect(due.length).toBeGreaterThan(0);
    const response = await createDrafts(url, { idempotencyKey: 'drafts-1' });
    expect(response.errors).toBeUndefined();
    const payload = response.data!.createPurchaseOrderDrafts;
    drafts = payload.purchaseOrders;
    expect(payload.replayed).toBe(false);
    expect(new Set(drafts.map((order) => order.supplier.id)).size).toBe(drafts.length);
    for (const order of drafts) {
      const supplier = SUPPLIERS.find((candidate) => candidate.id === order.supplier.id)!;
      expect(order.status).toBe('DRAFT');
      expect(order.lines.every((line) => picomatch.isMatch(line.sku, supplier.skus) && line.received === 0)).toBe(true);
    }
    // Every due SKU is on exactly one draft or reported unassigned, with the quantities summed over vendors.
    const quantities = new Map<string, number>();
    for (const suggestion of due) quantities.set(suggestion.sku, (quantities.get(suggestion.sku) ?? 0) + suggestion.suggestedQuantity);
    const placed = new Map([...drafts.flatMap((order) => order.lines.map((line) => [line.sku, line.quantity] as const)), ...payload.unassigned.map((u) => [u.sku, u.quantity] as const)]);
    expect(placed).toEqual(quantities);
    expect(payload.unassigned.every((u) => !SUPPLIERS.some((s) => picomatch.isMatch(u.sku, s.skus)))).toBe(true);
    expect(payload.unassigned.length).toBeGreaterThan(0);
  });

  it('answers the same drafts for the same key and input, and IDEMPOTENCY_CONFLICT for another input', async () => {
    const again = (await createDrafts(url, { idempotencyKey: 'drafts-1' })).data!.createPurchaseOrderDrafts;
    expect([again.replayed, again.purchaseOrders.map((order) => order.id)]).toEqual([true, drafts.map((order) => order.id)]);
    const conflict = await createDrafts(url, { idempotencyKey: 'drafts-1', vendorIds: ['demo-woo'] });
    expect(errorCode(conflict)).toBe('IDEMPOTENCY_CONFLICT');
    const listed = await postGraphQL<{ purchaseOrders: { nodes: Array<{ id: string }> } }>(url, '{ purchaseOrders(status: DRAFT, first: 50) { nodes { id } } }');
    expect(listed.data!.purchaseOrders.nodes.map((node) => node.id).sort()).toEqual(drafts.map((order) => order.id).sort());
  });

  it('refuses an unknown vendor or SKU and creates nothing', async () => {
    expect(errorCode(await createDrafts(url, { idempotencyKey: 'bad-1', vendorIds: ['no-such-vendor'] }))).toBe('NOT_FOUND');
    const unknown = await createDrafts(url, { idempotencyKey: 'bad-2', skus: ['NOPE-404'] });
    expect([errorCode(unknown), unknown.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.stringContaining('"NOPE-404"')]);
    const listed = await postGraphQL<{ purchaseOrders: { nodes: unknown[] } }>(url, '{ purchaseOrders(first: 50) { nodes { id } } }');
    expect(listed.data!.purchaseOrders.nodes).toHaveLength(drafts.length);
  });
});

describe('submitPurchaseOrder', () => {
  it('submits and delivers the order to the ERP, signed, once', async () => {
    const order = drafts[0]!;
    const submitted = (await submitOrder(url, order.id)).data!.submitPurchaseOrder;
    expect([submitted.status, submitted.deliveries.map((d) => [d.attempt, d.status, d.httpStatus])]).toEqual(['SUBMITTED', [[1, 'DELIVERED', 200]]]);
    const supplier = SUPPLIERS.find((s) => s.id === order.supplier.id)!;
    expect(Date.parse(submitted.expectedAt!) - Date.parse(submitted.submittedAt!)).toBe(supplier.leadTimeDays * 86_400_000);
    const received = erp.deliveries.filter((d) => d.body.purchaseOrder.id === order.id);
    expect(received.map((d) => [d.signatureValid, d.deliveryId, d.event, d.body.purchaseOrder.lines.length])).toEqual([[true, order.id, 'purchase_order.submitted', order.lines.length]]);
    // Submitting again changes nothing and sends nothing.
    expect((await submitOrder(url, order.id)).data!.submitPurchaseOrder.deliveries).toHaveLength(1);
    expect(erp.deliveries.filter((d) => d.body.purchaseOrder.id === order.id)).toHaveLength(1);
  });

  it('keeps the order SUBMITTED while the ERP is down and retries in the background until it is up', async () => {
    const order = drafts[1]!;
    erp.answerNext(503, 503);
    const submitted = (await submitOrder(url, order.id)).data!.submitPurchaseOrder;
    expect([submitted.status, submitted.deliveries[0]]).toEqual(['SUBMITTED', { attempt: 1, status: 'FAILED', httpStatus: 503, error: 'HTTP 503' }]);
    const later = await deliveredEventually(order.id);
    expect([later.status, later.deliveries.map((d) => d.status)]).toEqual(['SUBMITTED', ['FAILED', 'FAILED', 'DELIVERED']]);
    expect(erp.deliveries.filter((d) => d.body.purchaseOrder.id === order.id).map((d) => d.answered)).toEqual([503, 503, 200]);
    expect(JSON.stringify(later)).not.toContain('erp detail');
  });
});

type Level = { locationId: string; available: number };
async function levelAt(vendorId: string, sku: string): Promise<Level & { productId: string }> {
  const response = await postGraphQL<{ productsBySku: Array<{ id: string; vendorId: string; inventoryLevels: Level[] }> }>(
    url,
    'query($skus: [String!]!) { productsBySku(skus: $skus) { id vendorId inventoryLevels { locationId available } } }',
    { skus: [sku] },
  );
  const product = response.data!.productsBySku.find((candidate) => candidate.vendorId === vendorId)!;
  return { productId: product.id, ...product.inventoryLevels[0]! };
}

async function auditFor(orderId: string): Promise<Array<{ reason: string; delta: number }>> {
  const response = await postGraphQL<{ inventoryChanges: { nodes: Array<{ reason: string; delta: number }> } }>(url, '{ inventoryChanges(first: 100) { nodes { reason delta } } }');
  return response.data!.inventoryChanges.nodes.filter((entry) => entry.reason === orderId);
}

describe('receivePurchaseOrder', () => {
  it('adds received units at the location exactly once, even when the request is retried', async () => {
    const order = drafts[0]!;
    const vendorId = order.vendorIds[0]!;
    const line = order.lines.find((candidate) => candidate.quantity >= 2) ?? order.lines[0]!;
    const before = await levelAt(vendorId, line.sku);
    const writes = () => sandbox.servers[vendorId]!.count((entry) => entry.method !== 'GET');
    const writesBefore = writes();
    const input = { idempotencyKey: 'receipt-1', purchaseOrderId: order.id, locationId: before.locationId, lines: [{ sku: line.sku, quantity: 1 }] };
    const first = (await receiveOrder(url, input)).data!.receivePurchaseOrder;
    expect([first.results.map((r) => [r.status, r.before, r.after]), first.userErrors]).toEqual([[['APPLIED', before.available, before.available + 1]], []]);
    const partial = order.lines.length > 1 || line.quantity > 1 ? 'PARTIALLY_RECEIVED' : 'RECEIVED';
    expect([first.purchaseOrder.status, first.purchaseOrder.lines.find((l) => l.sku === line.sku)!.received]).toEqual([partial, 1]);
    const writesOnce = writes() - writesBefore;
    expect(writesOnce).toBeGreaterThan(0);

    const retried = (await receiveOrder(url, input)).data!.receivePurchaseOrder;
    expect(retried.results).toEqual(first.results);
    expect(retried.purchaseOrder.lines.find((l) => l.sku === line.sku)!.received).toBe(1);
    expect(writes() - writesBefore).toBe(writesOnce);
    expect((await levelAt(vendorId, line.sku)).available).toBe(before.available + 1);
    expect(await auditFor(order.id)).toEqual([{ reason: order.id, delta: 1 }]);

    const changed = await receiveOrder(url, { ...input, lines: [{ sku: line.sku, quantity: 2 }] });
    expect(errorCode(changed)).toBe(line.quantity >= 3 ? 'IDEMPOTENCY_CONFLICT' : 'BAD_USER_INPUT');
  });

  it('refuses an over-receipt unless forced, a SKU not on the order, a draft and a cancelled order, changing nothing', async () => {
    const order = drafts[0]!;
    const vendorId = order.vendorIds[0]!;
    const line = order.lines[0]!;
    const before = await levelAt(vendorId, line.sku);
    const base = { purchaseOrderId: order.id, locationId: before.locationId };
    const over = await receiveOrder(url, { ...base, idempotencyKey: 'over-1', lines: [{ sku: line.sku, quantity: line.quantity + 1 }] });
    expect([errorCode(over), over.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/^lines\[0\]\.quantity: .*force: true/)]);
    const stranger = await receiveOrder(url, { ...base, idempotencyKey: 'stranger-1', lines: [{ sku: 'NOT-ON-ORDER', quantity: 1 }] });
    expect([errorCode(stranger), stranger.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.stringContaining('"NOT-ON-ORDER" is not on purchase order')]);
    const draft = drafts[2] ?? (await createDrafts(url, { idempotencyKey: 'drafts-2' })).data!.createPurchaseOrderDrafts.purchaseOrders[0]!;
    const ofDraft = await receiveOrder(url, { ...base, purchaseOrderId: draft.id, idempotencyKey: 'draft-1', lines: [{ sku: draft.lines[0]!.sku, quantity: 1 }] });
    expect(ofDraft.errors?.[0]?.message).toMatch(/is a DRAFT; submit it before receiving/);
    expect((await levelAt(vendorId, line.sku)).available).toBe(before.available);

    const forced = (await receiveOrder(url, { ...base, idempotencyKey: 'over-2', force: true, lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity + 1 })) })).data!.receivePurchaseOrder;
    expect(forced.results.every((r) => r.status === 'APPLIED')).toBe(true);
    expect([forced.purchaseOrder.status, forced.purchaseOrder.receivedAt !== null]).toEqual(['RECEIVED', true]);
    expect(forced.purchaseOrder.lines.map((l) => l.received - l.quantity)).toEqual(order.lines.map((l) => (l.sku === (order.lines.find((c) => c.quantity >= 2) ?? order.lines[0]!).sku ? 2 : 1)));

    const cancelled = (await cancelOrder(url, drafts[1]!.id)).data!.cancelPurchaseOrder;
    expect(cancelled.status).toBe('CANCELLED');
    const ofCancelled = await receiveOrder(url, { ...base, purchaseOrderId: cancelled.id, idempotencyKey: 'cancelled-1', lines: [{ sku: cancelled.lines[0]!.sku, quantity: 1 }] });
    expect(ofCancelled.errors?.[0]?.message).toMatch(/is CANCELLED; nothing can be received/);
    expect(errorCode(await cancelOrder(url, order.id))).toBe('BAD_USER_INPUT');
  });

  it('measures the supplier lead time from the receipts and uses it for the next suggestions', async () => {
    const supplierId = drafts[0]!.supplier.id;
    const response = await postGraphQL<{ supplier: { measuredLeadTime: { samples: number; meanDays: number }; performance: { purchaseOrders: number; receivedOrders: number } } }>(
      url,
      'query($id: ID!) { supplier(id: $id) { measuredLeadTime { samples meanDays p90Days stdDays } performance { purchaseOrders receivedOrders fillRate } } }',
      { id: supplierId },
    );
    const supplier = response.data!.supplier;
    expect(supplier.measuredLeadTime.samples).toBe(drafts[0]!.lines.length);
    expect(supplier.measuredLeadTime.meanDays).toBeLessThan(1);
    expect([supplier.performance.purchaseOrders, supplier.performance.receivedOrders]).toEqual([1, 1]);
    const suggestions = await postGraphQL<{ vendors: Array<{ reorderSuggestions: Array<{ supplier: { id: string } | null; leadTimeSource: string; leadTimeDays: number }> }> }>(
      url,
      '{ vendors { reorderSuggestions { supplier { id } leadTimeSource leadTimeDays } } }',
    );
    const bySupplier = suggestions.data!.vendors.flatMap((vendor) => vendor.reorderSuggestions).filter((s) => s.supplier?.id === supplierId);
    expect(bySupplier.length).toBeGreaterThan(0);
    expect(new Set(bySupplier.map((s) => s.leadTimeSource))).toEqual(new Set(['MEASURED']));
  });

  it('exports an order as CSV', async () => {
    const order = (await readOrder(url, drafts[0]!.id))!;
    const rows = order.csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('purchase_order,supplier_id,supplier,sku,quantity,received,unit_cost,currency');
    expect(rows.slice(1).map((row) => row.split(',').slice(3, 6))).toEqual(order.lines.map((line) => [line.sku, String(line.quantity), String(line.received)]));
  });
});
