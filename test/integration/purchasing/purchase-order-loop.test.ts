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
