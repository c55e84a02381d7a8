import { createHash } from 'node:crypto';
import { GatewayError } from '../../errors/gateway-error.ts';
import { levelGlobalId, locationGlobalId } from '../../model/global-id.ts';
import {
  InventoryChangeStatus,
  type InventoryChange,
  type InventoryChangeResult,
  type InventoryWriteOptions,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import type { ShopifyClient, ShopifyOperation } from './shopify-client.ts';
import { MUTATION_COST, MAX_PAGE_SIZE } from './shopify-cost-plan.ts';
import { INVENTORY_ADJUST_QUANTITIES, INVENTORY_SET_QUANTITIES } from './shopify-documents.ts';
import {
  adjustQuantitiesDataSchema,
  setQuantitiesDataSchema,
  type ShopifyInventoryChange,
  type ShopifyInventoryMutationPayload,
  type ShopifyUserError,
} from './shopify-schemas.ts';

/** Reasons Shopify accepts; any other reason text is sent as "correction". */
const SHOPIFY_REASONS: ReadonlySet<string> = new Set([
  'correction', 'cycle_count_available', 'damaged', 'movement_canceled', 'movement_created', 'movement_received',
  'movement_updated', 'other', 'promotion', 'quality_control', 'received', 'reservation_created',
  'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage',
]);
const STALE_CODES: ReadonlySet<string> = new Set(['CHANGE_FROM_QUANTITY_STALE', 'COMPARE_QUANTITY_STALE']);

const setOperation: ShopifyOperation<{ inventorySetQuantities: ShopifyInventoryMutationPayload }> = {
  name: 'InventorySetQuantities',
  document: INVENTORY_SET_QUANTITIES,
  data: setQuantitiesDataSchema,
};
const adjustOperation: ShopifyOperation<{ inventoryAdjustQuantities: ShopifyInventoryMutationPayload }> = {
  name: 'InventoryAdjustQuantities',
  document: INVENTORY_ADJUST_QUANTITIES,
  data: adjustQuantitiesDataSchema,
};

type Slot = { readonly index: number; readonly change: InventoryChange };

/**
 * Applies stock changes with `inventorySetQuantities` / `inventoryAdjustQuantities` (2026-07):
 * runs of consecutive changes of one mode, up to 250 entries per call (a set batch never holds
 * the same item and location twice, which Shopify refuses). Each call carries
 * `@idempotent(key:)`, the key being sha256 of the client's idempotency key, the vendor and the
 * batch's exact input, so a retry or a client replay of the same batch is applied once by
 * Shopify; that is what makes these writes safe to retry (`idempotent: true`).
 * Shopify applies a batch atomically: when it answers userErrors nothing was applied, so the
 * entries without an error are sent again as a new batch (new content, new key).
 */
export async function sendShopifyStockChanges(
  client: ShopifyClient,
  ctx: UpstreamCallContext,
  changes: readonly InventoryChange[],
  options: InventoryWriteOptions,
): Promise<InventoryChangeResult[]> {
  const results: Array<InventoryChangeResult | undefined> = changes.map((change) => invalidChange(change));
  const valid = changes.flatMap((change, index) => (results[index] ? [] : [{ index, change }]));
  const batches = planWriteBatches(valid);
  for (const [position, batch] of batches.entries()) {
    try {
      await applyBatch(client, ctx, batch, options, results);
    } catch (error) {
      if (position === 0) throw error; // nothing applied yet: the whole call failed
      const failure = failed(error instanceof GatewayError ? error.code : 'VENDOR_ERROR', error instanceof Error ? error.message : 'shopify write failed');
      for (const rest of batches.slice(position)) for (const slot of rest) results[slot.index] ??= failure;
      break;
    }
  }
  return results.map((result) => result ?? failed('VENDOR_ERROR', 'shopify did not report this change'));
}

/** Consecutive runs of one mode, ≤250 entries, no repeated item+location inside a set batch. */
export function planWriteBatches(slots: readonly Slot[]): Slot[][] {
  const batches: Slot[][] = [];
  let current: Slot[] = [];
  let pairs = new Set<string>();
  for (const slot of slots) {
    const pair = `${slot.change.product.inventoryRef}@${slot.change.locationNativeId}`;
    const previous = current[0];
    const split = previous !== undefined && (
      previous.change.mode !== slot.change.mode ||
      current.length >= MAX_PAGE_SIZE ||
      (slot.change.mode === 'set' && pairs.has(pair)));
    if (split) {
      batches.push(current);
      current = [];
      pairs = new Set();
    }
    current.push(slot);
    pairs.add(pair);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The `@idempotent` key of one batch: stable for the same client key, vendor and input. */
export function batchIdempotencyKey(clientKey: string, vendorId: string, operation: string, input: unknown): string {
  return createHash('sha256').update(JSON.stringify([clientKey, vendorId, operation, input])).digest('hex');
}

async function applyBatch(
  client: ShopifyClient,
  ctx: UpstreamCallContext,
  batch: readonly Slot[],
  options: InventoryWriteOptions,
  results: Array<InventoryChangeResult | undefined>,
): Promise<void> {
  let pending = [...batch];
  while (pending.length > 0) {
    const payload = await send(client, ctx, pending, options);
    if (payload.userErrors.length === 0) {
      mapApplied(client.vendorId, pending, payload, results);
      return;
    }
    const errored = new Set<number>();
    for (const userError of payload.userErrors) {
      const position = entryPosition(userError);
      const targets = position === null ? pending : pending.slice(position, position + 1);
      for (const slot of targets) {
        errored.add(slot.index);
        results[slot.index] ??= userErrorResult(userError);
      }
    }
    const rest = pending.filter((slot) => !errored.has(slot.index));
    if (rest.length === pending.length) {
      for (const slot of pending) results[slot.index] ??= failed('VENDOR_REJECTED', 'shopify refused the batch');
      return;
    }
    pending = rest;
  }
}

async function send(client: ShopifyClient, ctx: UpstreamCallContext, slots: readonly Slot[], options: InventoryWriteOptions): Promise<ShopifyInventoryMutationPayload> {
  const mode = slots[0]?.change.mode ?? 'set';
  const common = {
    name: 'available',
    reason: SHOPIFY_REASONS.has(options.reason) ? options.reason : 'correction',
    referenceDocumentUri: `stockgraph://inventory-change/${encodeURIComponent(options.idempotencyKey)}`,
  };
  if (mode === 'set') {
    const input = {
      ...common,
      quantities: slots.map(({ change }) => ({
        inventoryItemId: change.product.inventoryRef,
        locationId: change.locationNativeId,
        quantity: change.quantity,
        changeFromQuantity: change.compareQuantity ?? null,
      })),
    };
    const idempotencyKey = batchIdempotencyKey(options.idempotencyKey, client.vendorId, setOperation.name, input);
    const data = await client.execute(ctx, setOperation, { input, idempotencyKey }, { cost: MUTATION_COST, idempotent: true });
    return data.inventorySetQuantities;
  }
  const input = {
    ...common,
    changes: slots.map(({ change }) => ({
      inventoryItemId: change.product.inventoryRef,
      locationId: change.locationNativeId,
      delta: change.delta,
      changeFromQuantity: change.compareQuantity ?? null,
    })),
  };
  const idempotencyKey = batchIdempotencyKey(options.idempotencyKey, client.vendorId, adjustOperation.name, input);
  const data = await client.execute(ctx, adjustOperation, { input, idempotencyKey }, { cost: MUTATION_COST, idempotent: true });
  return data.inventoryAdjustQuantities;
}

/** before/after from each entry's `available` change (after − delta); the level from both quantities. */
function mapApplied(vendorId: string, slots: readonly Slot[], payload: ShopifyInventoryMutationPayload, results: Array<InventoryChangeResult | undefined>): void {
  const group = payload.inventoryAdjustmentGroup;
  const queues = new Map<string, { available: ShopifyInventoryChange[]; onHand: ShopifyInventoryChange[] }>();
  for (const change of group?.changes ?? []) {
    const key = `${change.item?.id ?? ''}@${change.location?.id ?? ''}`;
    const queue = queues.get(key) ?? { available: [], onHand: [] };
    if (change.name === 'available') queue.available.push(change);
    if (change.name === 'on_hand') queue.onHand.push(change);
    queues.set(key, queue);
  }
  for (const { index, change } of slots) {
    const queue = queues.get(`${change.product.inventoryRef}@${change.locationNativeId}`);
    const available = queue?.available.shift();
    const onHand = queue?.onHand.shift();
    if (!available) {
      // Shopify records no change for a zero delta: the level already had the wanted value.
      const known = change.mode === 'set' ? (change.quantity ?? null) : (change.compareQuantity ?? null);
      results[index] = { status: InventoryChangeStatus.APPLIED, before: known, after: known, level: null, error: null };
      continue;
    }
    const after = available.quantityAfterChange ?? (change.mode === 'set' ? (change.quantity ?? null) : null);
    results[index] = {
      status: InventoryChangeStatus.APPLIED,
      before: after === null ? null : after - available.delta,
      after,
      level: after === null ? null : {
        id: levelGlobalId(vendorId, change.product.nativeId, change.locationNativeId),
        productId: change.product.id,
        locationId: locationGlobalId(vendorId, change.locationNativeId),
        locationName: available.location?.name ?? '',
        available: after,
        onHand: onHand?.quantityAfterChange ?? null,
        updatedAt: group?.createdAt ?? null,
      },
      error: null,
    };
  }
}

/** The entry a userError points at: `field: ["input", "quantities"|"changes", "<i>", …]`. */
function entryPosition(userError: ShopifyUserError): number | null {
  const field = userError.field ?? [];
  if (field[0] !== 'input' || (field[1] !== 'quantities' && field[1] !== 'changes')) return null;
  const position = Number(field[2]);
  return Number.isInteger(position) && position >= 0 ? position : null;
}

function userErrorResult(userError: ShopifyUserError): InventoryChangeResult {
  const code = userError.code ?? 'VENDOR_REJECTED';
  return {
    status: STALE_CODES.has(code) ? InventoryChangeStatus.CONFLICT : InventoryChangeStatus.FAILED,
    before: null,
    after: null,
    level: null,
    error: { code, message: userError.message },
  };
}

function invalidChange(change: InventoryChange): InventoryChangeResult | undefined {
  if (change.mode === 'set' && !Number.isInteger(change.quantity)) return failed('BAD_USER_INPUT', 'a set change needs an integer quantity');
  if (change.mode === 'adjust' && !Number.isInteger(change.delta)) return failed('BAD_USER_INPUT', 'an adjust change needs an integer delta');
  return undefined;
}

function failed(code: string, message: string): InventoryChangeResult {
  return { status: InventoryChangeStatus.FAILED, before: null, after: null, level: null, error: { code, message } };
}
