import { assertVendorVisible } from '../demand/demand-context.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { badUserInput, GatewayError } from '../errors/gateway-error.ts';
import { decodeGlobalId, NodeKind } from '../model/global-id.ts';
import type { InventoryChangeOutcome, InventoryUserError } from '../stock-changes/inventory-payload.ts';
import { PurchaseOrderStatus, type PurchaseOrderRecord } from '../store/purchase-order-record.ts';
import { InventoryChangeStatus } from '../vendors/vendor-source.ts';
import type { PurchasingRequestContext } from './purchasing-context.ts';

export interface ReceiveInput {
  readonly idempotencyKey: string;
  readonly purchaseOrderId: string;
  /** Global location ID (InventoryLevel.locationId): where the goods are put away. */
  readonly locationId: string;
  readonly lines: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
  /** Accept more than is still open on a line (an over-delivery the merchant keeps). */
  readonly force?: boolean | null;
}

export interface ReceivePayload {
  readonly purchaseOrder: PurchaseOrderRecord;
  /** One stock change per line, in input order, as adjustInventoryQuantities answers them. */
  readonly results: readonly InventoryChangeOutcome[];
  readonly userErrors: readonly InventoryUserError[];
}

/** Receipt keys are prefixed in the stock path's key space, apart from the caller's own adjustments. */
const RECEIPT_KEY_PREFIX = 'receive:';
const MAX_KEY_LENGTH = 200;

/**
 * Puts received units into stock at one location through the stock path that
 * adjustInventoryQuantities uses (exactly once per key, one audit entry per applied line, the
 * order's id as the reason), then records on the order what was applied. The receipt is
 * recorded with cumulative units per SKU under its key, so a retry — after a crash between the
 * two steps, or after FAILED lines were re-sent — adds only what was not recorded yet: nothing is
 * received twice. The over-receipt rule is enforced by the store before stock moves
 * (reservePurchaseOrderReceipt), so two receipts of one order on different instances cannot both
 * pass it; the per-order lock in PurchasingService only spares a process the store round trips.
 */
export async function receivePurchaseOrder(ctx: PurchasingRequestContext, input: ReceiveInput): Promise<ReceivePayload> {
  const key = input.idempotencyKey.trim();
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw badUserInput(`idempotencyKey must be 1 to ${MAX_KEY_LENGTH} characters`, 'idempotencyKey');
  if (input.lines.length === 0) throw badUserInput('lines: list at least one line to receive', 'lines');
  const vendorId = decodeGlobalId(input.locationId, NodeKind.LOCATION, 'locationId').vendorId;
  assertVendorVisible(ctx, vendorId);
  const store = ctx.services.store;
  const order = await store.getPurchaseOrder(input.purchaseOrderId);
  if (!order) throw new GatewayError(ErrorCode.NOT_FOUND, `No purchase order with id "${input.purchaseOrderId}"`, { extensions: { field: 'purchaseOrderId' } });
  // Keys are the caller's own (as in the stock path, which scopes its records by caller): two
  // callers' receipts under one key are two receipts, each checked against what is still open.
  const receiptKey = JSON.stringify([ctx.caller.id, key]);
  const recorded = await store.getPurchaseOrderReceipt(order.id, receiptKey);
  checkReceivable(order, recorded, input);

  const loaders = ctx.loaders.forVendor(vendorId);
  const products = await Promise.all(input.lines.map((line) => loaders.productsBySku.load(line.sku)));
  const changes = input.lines.map((line, index) => {
    const product = products[index]?.[0];
    if (!product) throw badUserInput(`lines[${index}].sku: "${line.sku}" is not sold at vendor "${vendorId}" (the location's vendor)`, `lines[${index}].sku`);
    return { productId: product.id, locationId: input.locationId, delta: line.quantity };
  });
  // 1. Hold the units in the store (atomic over-receipt check against every instance's receipts),
  // 2. move stock exactly once under the receipt's key, 3. record what was applied (releasing the
  // hold). A second receipt that would over-receive is refused at 1, before any stock moves; a
  // crash after 1 or 2 leaves the hold until the same receipt is retried, which completes it.
  const reserved = await store.reservePurchaseOrderReceipt({ orderId: order.id, receiptKey, locationId: input.locationId, lines: input.lines, force: input.force === true, now: Date.now() });
  if (reserved.kind === 'not-found') throw new GatewayError(ErrorCode.NOT_FOUND, `No purchase order with id "${input.purchaseOrderId}"`, { extensions: { field: 'purchaseOrderId' } });
  if (reserved.kind === 'over-receipt') {
    const index = input.lines.findIndex((line) => line.sku === reserved.sku);
    throw badUserInput(
      `lines[${index}].quantity: receiving ${reserved.quantity} of "${reserved.sku}" is more than the ${reserved.open} still open (other receipts of purchase order ${order.id} received or are receiving the rest); pass force: true to accept an over-delivery`,
      `lines[${index}].quantity`,
    );
  }
  const stock = await ctx.services.inventory.adjustQuantities(ctx, { idempotencyKey: `${RECEIPT_KEY_PREFIX}${key}`, reason: order.id, changes });
  const applied = stock.userErrors.length > 0 ? [] : input.lines.filter((_, index) => stock.results[index]?.status === InventoryChangeStatus.APPLIED);
  // Recorded even when nothing was applied: it releases the hold (and adds nothing).
  const updated = await store.recordPurchaseOrderReceipt({ orderId: order.id, receiptKey, locationId: input.locationId, lines: applied, now: Date.now() });
  return { purchaseOrder: updated ?? order, results: stock.results, userErrors: stock.userErrors.map(asReceiptField) };
}

/** Refuses, before any stock moves, what cannot be received; a receipt already recorded under this key is its own retry. */
function checkReceivable(order: PurchaseOrderRecord, recorded: ReadonlyMap<string, number>, input: ReceiveInput): void {
  const retry = recorded.size > 0;
  if (!retry && order.status === PurchaseOrderStatus.CANCELLED) {
    throw badUserInput(`purchaseOrderId: purchase order ${order.id} is CANCELLED; nothing can be received against it`, 'purchaseOrderId');
  }
  if (order.status === PurchaseOrderStatus.DRAFT) {
    throw badUserInput(`purchaseOrderId: purchase order ${order.id} is a DRAFT; submit it before receiving`, 'purchaseOrderId');
  }
  const seen = new Set<string>();
  input.lines.forEach((line, index) => {
    if (seen.has(line.sku)) throw badUserInput(`lines[${index}].sku: "${line.sku}" is listed twice; give one line per SKU`, `lines[${index}].sku`);
    seen.add(line.sku);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw badUserInput(`lines[${index}].quantity: must be a whole number of at least 1, got ${line.quantity}`, `lines[${index}].quantity`);
    const ordered = order.lines.find((candidate) => candidate.sku === line.sku);
    if (!ordered) throw badUserInput(`lines[${index}].sku: "${line.sku}" is not on purchase order ${order.id}`, `lines[${index}].sku`);
    const open = ordered.quantity - (ordered.received - (recorded.get(line.sku) ?? 0));
    if (line.quantity > open && input.force !== true) {
      throw badUserInput(
        `lines[${index}].quantity: receiving ${line.quantity} of "${line.sku}" is more than the ${Math.max(open, 0)} still open (${ordered.quantity} ordered, ${ordered.received} received); pass force: true to accept an over-delivery`,
        `lines[${index}].quantity`,
      );
    }
  });
}

/** The stock path names `changes[i]`; a receipt's caller sent `lines[i]`. */
function asReceiptField(error: InventoryUserError): InventoryUserError {
  return { ...error, field: error.field.map((part) => (part === 'changes' ? 'lines' : part)) };
}
