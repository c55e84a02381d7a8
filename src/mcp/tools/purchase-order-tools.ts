import { z } from 'zod';
import {
  McpCreatePurchaseOrderDraftsDocument,
  McpReceivePurchaseOrderDocument,
  McpSubmitPurchaseOrderDocument,
  type McpPurchaseOrderFieldsFragment,
} from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { FeatureFlag } from '../../flags/flag-names.ts';
import { defineTool, type ToolAnnotations } from '../mcp-tool.ts';
import { GRAPHQL_INT_MAX, vendorIdArgument } from '../tool-arguments.ts';
import { inventoryChangesOutputSchema } from './inventory-write-tools.ts';

/**
 * The purchasing loop for agents: suggestions (reorder_suggestions) → drafts per supplier →
 * submit → receive. A supplier is whom SKUs are bought from (configured by SKU pattern); a vendor
 * is a sales channel whose locations hold the stock. Same roles and flag as the mutations.
 */
const NAMES = 'Suppliers are whom SKUs are bought from (configured by SKU pattern); vendors are the sales channels whose locations hold stock.';
const keyArgument = z.string().min(1).max(200).describe('Unique key of this request (1-200 characters), e.g. a UUID. Reuse it only to retry: the same key and arguments answer the first result; other arguments under it are refused (IDEMPOTENCY_CONFLICT).');

const orderSchema = z.object({
  id: z.string(),
  status: z.enum(['DRAFT', 'SUBMITTED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED']),
  supplier: z.object({ id: z.string(), name: z.string() }),
  vendorIds: z.array(z.string()).describe('Vendors (sales channels) whose suggestions made the order.'),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), received: z.number().int(), unitCost: z.object({ amount: z.string(), currencyCode: z.string() }).nullable() })),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  expectedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  deliveries: z.array(z.object({ attempt: z.number().int(), status: z.enum(['DELIVERED', 'FAILED', 'REJECTED']), httpStatus: z.number().int().nullable(), error: z.string().nullable() })),
});

const describeOrder = (order: McpPurchaseOrderFieldsFragment): string =>
  `${order.id} to ${order.supplier.name} (${order.status}): ${order.lines.map((line) => `${line.quantity} × ${line.sku}${line.received > 0 ? ` (${line.received} received)` : ''}`).join(', ')}`;

export const createPurchaseOrderDraftsTool = defineTool({
  name: 'create_purchase_order_drafts',
  title: 'Draft purchase orders from reorder suggestions',
  description:
    `Turns the current reorder suggestions (every vendor, or \`vendorIds\`; every SKU due, or \`skus\`) into one DRAFT purchase order per supplier, lines = suggested quantities. ${NAMES} ` +
    'SKUs due for reorder that match no supplier are listed in `unassigned` (nothing is dropped silently). Sends nothing to suppliers: submit_purchase_order does.',
  requires: { role: CallerRole.INVENTORY_WRITE, flag: FeatureFlag.AUTO_REORDER },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false } satisfies ToolAnnotations,
  document: McpCreatePurchaseOrderDraftsDocument,
  input: () =>
    z
      .object({
        idempotencyKey: keyArgument,
        vendorIds: z.array(vendorIdArgument).min(1).max(50).optional().describe('Only these vendors\' suggestions; omit for every vendor.'),
        skus: z.array(z.string().min(1).max(255)).min(1).max(250).optional().describe('Only these SKUs; omit for every SKU due.'),
      })
      .strict(),
  output: z.object({
    purchaseOrders: z.array(orderSchema),
    unassigned: z.array(z.object({ sku: z.string(), quantity: z.number().int(), vendorIds: z.array(z.string()) })),
    notNeeded: z.array(z.string()),
    replayed: z.boolean(),
  }),
  variables: (args) => ({ input: args }),
  answer: (data) => {
    const payload = data.createPurchaseOrderDrafts;
    const orders = payload.purchaseOrders.map(describeOrder).join('; ');
    const unassigned = payload.unassigned.length > 0 ? ` No supplier for: ${payload.unassigned.map((u) => u.sku).join(', ')}.` : '';
    return {
      structured: payload,
      summary: `${payload.replayed ? 'Already drafted under this key: ' : ''}${payload.purchaseOrders.length} draft${payload.purchaseOrders.length === 1 ? '' : 's'}${orders ? `: ${orders}` : ''}.${unassigned}`,
    };
  },
});

export const submitPurchaseOrderTool = defineTool({
  name: 'submit_purchase_order',
  title: 'Submit a purchase order',
  description:
    `Sends a DRAFT purchase order to its supplier (SUBMITTED; with a configured ERP webhook it is POSTed signed, retried in the background when the ERP is down, each attempt in \`deliveries\`). ${NAMES} ` +
    'Submitting a submitted order changes nothing. Needs the admin role.',
  requires: { role: CallerRole.ADMIN, flag: FeatureFlag.AUTO_REORDER },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  document: McpSubmitPurchaseOrderDocument,
  input: () => z.object({ id: z.string().min(1).max(100).describe('The purchase order id (from create_purchase_order_drafts).') }).strict(),
  output: orderSchema,
  variables: (args) => args,
  answer: (data) => {
    const order = data.submitPurchaseOrder;
    const last = order.deliveries.at(-1);
    return { structured: order, summary: `${describeOrder(order)}.${last ? ` Delivery attempt ${last.attempt}: ${last.status}${last.error ? ` (${last.error})` : ''}.` : ''}` };
  },
});

export const receivePurchaseOrderTool = defineTool({
  name: 'receive_purchase_order',
  title: 'Receive a purchase order into stock',
  description:
    'Adds received units of a SUBMITTED or PARTIALLY_RECEIVED purchase order to stock at one location (`locationId` from get_stock), exactly once per `idempotencyKey` ' +
    '(one audit entry per line, the order id as reason). Partial receipts are fine; more than is open is refused unless `force`. If a line is FAILED, retry the SAME call with the SAME key.',
  requires: { role: CallerRole.INVENTORY_WRITE, flag: FeatureFlag.AUTO_REORDER },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  document: McpReceivePurchaseOrderDocument,
  input: () =>
    z
      .object({
        idempotencyKey: keyArgument,
        purchaseOrderId: z.string().min(1).max(100),
        locationId: z.string().min(1).max(512).describe('Global location ID from get_stock (inventoryLevels.locationId) at a vendor that sells the SKUs.'),
        lines: z.array(z.object({ sku: z.string().min(1).max(255), quantity: z.number().int().min(1).max(GRAPHQL_INT_MAX) }).strict()).min(1).max(250),
        force: z.boolean().optional().describe('Accept more than is still open on a line (an over-delivery kept).'),
      })
      .strict(),
  output: inventoryChangesOutputSchema.extend({ purchaseOrder: orderSchema }),
  variables: (args) => ({ input: args }),
  answer: (data) => {
    const payload = data.receivePurchaseOrder;
    const failed = payload.results.filter((result) => result.status === 'FAILED').length;
    const refused = payload.userErrors.length > 0 ? ` Refused: ${payload.userErrors.map((error) => error.message).join('; ')}.` : '';
    const retry = failed > 0 ? ` ${failed} line(s) FAILED: retry the same call with the same idempotencyKey.` : '';
    return { structured: payload, summary: `${describeOrder(payload.purchaseOrder)}.${refused}${retry}` };
  },
});
