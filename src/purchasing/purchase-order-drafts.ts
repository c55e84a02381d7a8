import { createHash, randomBytes } from 'node:crypto';
import { mayUseVendor, visibleVendorIds } from '../auth/vendor-visibility.ts';
import { reorderSuggestions, type ReorderSuggestion } from '../demand/reorder-service.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { badUserInput, GatewayError } from '../errors/gateway-error.ts';
import type { NewPurchaseOrder, PurchaseOrderRecord } from '../store/purchase-order-record.ts';
import type { PurchasingRequestContext } from './purchasing-context.ts';

export interface CreateDraftsInput {
  readonly idempotencyKey: string;
  readonly vendorIds?: readonly string[] | null;
  readonly skus?: readonly string[] | null;
}

/** A SKU that needs ordering but matches no configured supplier: reported, never silently dropped. */
export interface UnassignedSku {
  readonly sku: string;
  readonly quantity: number;
  readonly vendorIds: readonly string[];
}

export interface CreateDraftsPayload {
  readonly purchaseOrders: readonly PurchaseOrderRecord[];
  readonly unassigned: readonly UnassignedSku[];
  /** SKUs asked for by `skus` whose stock is above the reorder point: nothing to order. */
  readonly notNeeded: readonly string[];
  /** True when the key was used before for the same input: these are the drafts made then. */
  readonly replayed: boolean;
}

type StoredPart = Pick<CreateDraftsPayload, 'unassigned' | 'notNeeded'>;

/**
 * Turns the current reorder suggestions (of the given vendors, or every vendor the caller may use;
 * of the given SKUs, or every SKU that needs reordering) into one DRAFT per supplier: a line per
 * SKU with the suggested quantity (summed when several vendors suggest the same SKU) and its unit
 * cost. Idempotent by key: the store keeps the batch under (caller, key) in one transaction, so a
 * retry gets the same drafts and a different input under that key is IDEMPOTENCY_CONFLICT.
 */
export async function createPurchaseOrderDrafts(ctx: PurchasingRequestContext, input: CreateDraftsInput): Promise<CreateDraftsPayload> {
  const key = input.idempotencyKey.trim();
  if (key.length === 0 || key.length > 255) throw badUserInput('idempotencyKey must be 1 to 255 characters', 'idempotencyKey');
  const vendorIds = input.vendorIds ? [...new Set(input.vendorIds)].sort() : null;
  const skus = input.skus ? [...new Set(input.skus.map((sku) => sku.trim()))].sort() : null;
  if (skus?.some((sku) => sku.length === 0)) throw badUserInput('skus: a SKU must not be blank', 'skus');
  for (const vendorId of vendorIds ?? []) {
    if (!mayUseVendor(ctx, vendorId)) throw new GatewayError(ErrorCode.NOT_FOUND, `vendorIds: no vendor with id "${vendorId}"`, { extensions: { field: 'vendorIds' } });
  }
  const fingerprint = createHash('sha256').update(JSON.stringify(['stockgraph.po-drafts.v1', vendorIds, skus])).digest('hex');
  const store = ctx.services.store;
  const scope = ctx.caller.id;
  // A replay reads the suggestions again (the store answers the first batch regardless of them).
  const suggestions = (await Promise.all((vendorIds ?? visibleVendorIds(ctx)).map((vendorId) => reorderSuggestions(ctx, vendorId, null)))).flat();
  const wanted = skus ? suggestions.filter((suggestion) => skus.includes(suggestion.sku)) : suggestions;
  const unknown = (skus ?? []).filter((sku) => !wanted.some((suggestion) => suggestion.sku === sku));
  if (unknown.length > 0) {
    throw badUserInput(`skus: no reorder suggestion for ${unknown.map((sku) => JSON.stringify(sku)).join(', ')} at the vendors asked (unknown SKU, or no sales history)`, 'skus');
  }
  const due = wanted.filter((suggestion) => suggestion.needsReorder && suggestion.suggestedQuantity > 0);
  const notNeeded = (skus ?? []).filter((sku) => !due.some((suggestion) => suggestion.sku === sku));
  const { orders, unassigned } = draftsOf(ctx, due);
  const stored: StoredPart = { unassigned, notNeeded };
  const outcome = await store.createPurchaseOrderDrafts({ scope, key, fingerprint, orders, payload: JSON.stringify(stored), now: Date.now() });
  if (outcome.kind === 'conflict') throw idempotencyConflict();
  return { purchaseOrders: outcome.orders, ...(JSON.parse(outcome.payload) as StoredPart), replayed: outcome.kind === 'replayed' };
}

function draftsOf(ctx: PurchasingRequestContext, due: readonly ReorderSuggestion[]): { orders: NewPurchaseOrder[]; unassigned: UnassignedSku[] } {
  const lines = new Map<string, { sku: string; quantity: number; unitCost: NewPurchaseOrder['lines'][number]['unitCost']; vendorIds: string[]; supplierId: string | null }>();
  for (const suggestion of due) {
    const line = lines.get(suggestion.sku);
    if (line) {
      line.quantity += suggestion.suggestedQuantity;
      line.vendorIds.push(suggestion.vendorId);
      line.unitCost ??= suggestion.product?.cost ?? null;
      continue;
    }
    const supplier = ctx.services.demand.suppliers.forSku(suggestion.sku);
    const cost = suggestion.product?.cost ?? null;
    lines.set(suggestion.sku, { sku: suggestion.sku, quantity: suggestion.suggestedQuantity, unitCost: cost ? { amount: cost.amount, currencyCode: cost.currencyCode } : null, vendorIds: [suggestion.vendorId], supplierId: supplier?.id ?? null });
  }
  const bySupplier = new Map<string, NewPurchaseOrder>();
  const unassigned: UnassignedSku[] = [];
  for (const line of [...lines.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))) {
    if (line.supplierId === null) {
      unassigned.push({ sku: line.sku, quantity: line.quantity, vendorIds: line.vendorIds });
      continue;
    }
    const order = bySupplier.get(line.supplierId) ?? { id: newOrderId(), supplierId: line.supplierId, lines: [], vendorIds: [] };
    bySupplier.set(line.supplierId, {
      ...order,
      lines: [...order.lines, { sku: line.sku, quantity: line.quantity, unitCost: line.unitCost }],
      vendorIds: [...new Set([...order.vendorIds, ...line.vendorIds])].sort(),
    });
  }
  return { orders: [...bySupplier.values()], unassigned };
}

function newOrderId(): string {
  return `PO-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

export function idempotencyConflict(): GatewayError {
  return new GatewayError(ErrorCode.IDEMPOTENCY_CONFLICT, 'This idempotency key was already used for a different request', { extensions: { field: 'idempotencyKey' } });
}
