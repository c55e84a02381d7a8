import type { ShopifyCatalog, SimLevel } from './shopify-sim-catalog.ts';
import { onHand } from './shopify-sim-catalog.ts';

/** Reasons Shopify accepts on inventory mutations (shopify.dev inventory states docs). */
export const INVENTORY_REASONS: ReadonlySet<string> = new Set([
  'correction', 'cycle_count_available', 'damaged', 'movement_canceled', 'movement_created', 'movement_received',
  'movement_updated', 'other', 'promotion', 'quality_control', 'received', 'reservation_created',
  'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage',
]);

const MAX_QUANTITY = 1_000_000_000;

export interface ChangeRecord {
  readonly name: string;
  readonly delta: number;
  readonly quantityAfterChange: number | null;
  readonly itemId: string;
  readonly locationId: string;
  readonly ledgerDocumentUri: string | null;
}

export interface GroupRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly reason: string;
  readonly referenceDocumentUri: string | null;
  readonly changes: readonly ChangeRecord[];
}

export interface UserErrorRecord {
  readonly code: string;
  readonly field: readonly string[];
  readonly message: string;
}

export interface MutationOutcome {
  readonly inventoryAdjustmentGroup: GroupRecord | null;
  readonly userErrors: readonly UserErrorRecord[];
}

interface EntryInput {
  readonly inventoryItemId: string;
  readonly locationId: string;
  readonly quantity?: number;
  readonly delta?: number;
  readonly changeFromQuantity?: number | null;
}

interface MutationInput {
  readonly name: string;
  readonly reason: string;
  readonly referenceDocumentUri?: string | null;
  readonly entries: readonly EntryInput[];
  readonly kind: 'set' | 'adjust';
}

export function setQuantities(catalog: ShopifyCatalog, input: { name: string; reason: string; referenceDocumentUri?: string | null; quantities: EntryInput[] }, now: string, groupId: string): MutationOutcome {
  return apply(catalog, { ...input, entries: input.quantities, kind: 'set' }, now, groupId);
}

export function adjustQuantities(catalog: ShopifyCatalog, input: { name: string; reason: string; referenceDocumentUri?: string | null; changes: EntryInput[] }, now: string, groupId: string): MutationOutcome {
  return apply(catalog, { ...input, entries: input.changes, kind: 'adjust' }, now, groupId);
}

/**
 * Validates every entry first and applies nothing when any fails (the mutation is atomic: a
 * payload with userErrors has `inventoryAdjustmentGroup: null`). Entries apply in order, so a
 * later entry of the same item and location sees the earlier one's result.
 */
function apply(catalog: ShopifyCatalog, input: MutationInput, now: string, groupId: string): MutationOutcome {
  const list = input.kind === 'set' ? 'quantities' : 'changes';
  const errors: UserErrorRecord[] = [];
  if (input.name !== 'available') {
    errors.push({
      code: input.kind === 'set' ? 'INVALID_NAME' : 'INVALID_QUANTITY_NAME',
      field: ['input', 'name'],
      message: 'The quantity name must be "available" in this simulator.',
    });
  }
  if (!INVENTORY_REASONS.has(input.reason)) {
    errors.push({ code: 'INVALID_REASON', field: ['input', 'reason'], message: 'The specified reason is invalid.' });
  }
  const planned = new Map<SimLevel, number>();
  const seenPairs = new Set<string>();
  const steps: Array<{ level: SimLevel; itemId: string; delta: number }> = [];
  input.entries.forEach((entry, index) => {
    const at = (field: string) => ['input', list, String(index), field];
    const item = catalog.items.get(entry.inventoryItemId);
    if (!item) return errors.push({ code: 'INVALID_INVENTORY_ITEM', field: at('inventoryItemId'), message: 'The specified inventory item could not be found.' });
    if (!catalog.locations.some((location) => location.id === entry.locationId)) {
      return errors.push({ code: 'INVALID_LOCATION', field: at('locationId'), message: 'The specified location could not be found.' });
    }
    const level = item.levels.get(entry.locationId);
    if (!level) return errors.push({ code: 'ITEM_NOT_STOCKED_AT_LOCATION', field: at('locationId'), message: 'The specified inventory item is not stocked at the location.' });
    const pair = `${entry.inventoryItemId}@${entry.locationId}`;
    if (input.kind === 'set' && seenPairs.has(pair)) {
      return errors.push({ code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR', field: at('inventoryItemId'), message: 'The combination of inventoryItemId and locationId must be unique.' });
    }
    seenPairs.add(pair);
    const current = planned.get(level) ?? level.available;
    if (!('changeFromQuantity' in entry)) {
      return errors.push({ code: 'CHANGE_FROM_QUANTITY_REQUIRED', field: at('changeFromQuantity'), message: 'changeFromQuantity is required; pass null to skip the check.' });
    }
    if (entry.changeFromQuantity !== null && entry.changeFromQuantity !== undefined && entry.changeFromQuantity !== current) {
      return errors.push({ code: 'CHANGE_FROM_QUANTITY_STALE', field: at('changeFromQuantity'), message: 'The changeFromQuantity does not match the current quantity.' });
    }
    const target = input.kind === 'set' ? (entry.quantity ?? 0) : current + (entry.delta ?? 0);
    if (input.kind === 'set' && target < 0) {
      return errors.push({ code: 'INVALID_QUANTITY_NEGATIVE', field: at('quantity'), message: 'The quantity can\'t be negative.' });
    }
    if (target > MAX_QUANTITY) return errors.push({ code: 'INVALID_QUANTITY_TOO_HIGH', field: at(input.kind === 'set' ? 'quantity' : 'delta'), message: 'The quantity is too high.' });
    if (target < -MAX_QUANTITY) return errors.push({ code: 'INVALID_QUANTITY_TOO_LOW', field: at('delta'), message: 'The quantity is too low.' });
    planned.set(level, target);
    steps.push({ level, itemId: item.id, delta: target - current });
    return undefined;
  });
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };

  const changes: ChangeRecord[] = [];
  for (const step of steps) {
    if (step.delta === 0) continue; // Shopify records no change for a zero delta
    step.level.available += step.delta;
    step.level.updatedAt = now;
    const base = { delta: step.delta, itemId: step.itemId, locationId: step.level.locationId, ledgerDocumentUri: null };
    changes.push({ ...base, name: 'available', quantityAfterChange: step.level.available });
    changes.push({ ...base, name: 'on_hand', quantityAfterChange: onHand(step.level) });
  }
  return {
    inventoryAdjustmentGroup: { id: groupId, createdAt: now, reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, changes },
    userErrors: [],
  };
}
