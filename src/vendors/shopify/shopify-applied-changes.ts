import type { Logger } from 'pino';
import { levelGlobalId, locationGlobalId } from '../../model/global-id.ts';
import type { InventoryLevel } from '../../model/standard-model.ts';
import { InventoryChangeStatus, type InventoryChange, type InventoryChangeResult } from '../vendor-source.ts';
import type { ShopifyInventoryChange, ShopifyInventoryMutationPayload } from './shopify-schemas.ts';

/** One entry of a sent batch: the change, the `changeFromQuantity` it carried, the level as read. */
export interface SentEntry {
  readonly index: number;
  readonly change: InventoryChange;
  /** The `changeFromQuantity` sent; for an APPLIED answer it is exactly the level before. */
  readonly changeFrom: number | null;
  /** The level the planner read (the base of `changeFrom` and of the on-hand arithmetic). */
  readonly known: InventoryLevel | null;
}

/**
 * before / after / level of each entry of an APPLIED batch, without trusting
 * `quantityAfterChange`: shopify.dev documents it as nullable and its own examples answer `null`
 * (inventorySetQuantities, "compare-and-swap" example) or do not select it at all
 * (inventoryAdjustQuantities). What the answer does prove:
 * - an adjust sent with `changeFromQuantity: b` and APPLIED moved the level from exactly b to b + delta;
 * - a set to q whose `available` change has delta d moved it from q − d to q;
 * - no change record means a zero delta (Shopify records none): the level already had the value.
 * A `quantityAfterChange` Shopify does send is a cross-check only: a disagreement is logged.
 * On hand moves with available on these mutations: the read on-hand minus the read available plus after.
 */
export function appliedResults(
  vendorId: string,
  entries: readonly SentEntry[],
  payload: ShopifyInventoryMutationPayload,
  logger: Logger,
): Map<number, InventoryChangeResult> {
  const group = payload.inventoryAdjustmentGroup;
  const queues = new Map<string, { available: ShopifyInventoryChange[]; onHand: ShopifyInventoryChange[] }>();
  for (const change of group?.changes ?? []) {
    const key = `${change.item?.id ?? ''}@${change.location?.id ?? ''}`;
    const queue = queues.get(key) ?? { available: [], onHand: [] };
    if (change.name === 'available') queue.available.push(change);
    if (change.name === 'on_hand') queue.onHand.push(change);
    queues.set(key, queue);
  }
  // `item` and `location` are nullable in the schema: changes without them cannot be told apart,
  // so a set whose change is not found then has an unknown before rather than a guessed one.
  const unattributed = (group?.changes ?? []).some((change) => !change.item?.id || !change.location?.id);
  const results = new Map<number, InventoryChangeResult>();
  for (const entry of entries) {
    const { change } = entry;
    const queue = queues.get(`${change.product.inventoryRef}@${change.locationNativeId}`);
    const available = queue?.available.shift();
    const onHand = queue?.onHand.shift();
    const step = provenStep(entry, available, unattributed);
    if (available?.quantityAfterChange != null && step !== null && available.quantityAfterChange !== step.after) {
      logger.warn({ vendorId, inventoryItemId: change.product.inventoryRef, locationId: change.locationNativeId, proven: step.after, reported: available.quantityAfterChange },
        'shopify quantityAfterChange disagrees with changeFromQuantity + delta; keeping the proven value');
    }
    const before = step ? step.before : afterOf(available, null, (after) => after - (available?.delta ?? 0));
    const after = step?.after ?? afterOf(available, null, (value) => value);
    results.set(entry.index, {
      status: InventoryChangeStatus.APPLIED,
      before,
      after,
      level: after === null ? null : {
        id: levelGlobalId(vendorId, change.product.nativeId, change.locationNativeId),
        productId: change.product.id,
        locationId: locationGlobalId(vendorId, change.locationNativeId),
        locationName: available?.location?.name ?? entry.known?.locationName ?? '',
        available: after,
        onHand: onHandAfter(entry.known, after, onHand),
        updatedAt: group?.createdAt ?? entry.known?.updatedAt ?? null,
      },
      error: null,
    });
  }
  return results;
}

/** before and after as the request and the answer prove them, or null when they prove nothing. */
function provenStep(entry: SentEntry, available: ShopifyInventoryChange | undefined, unattributed: boolean): { before: number | null; after: number } | null {
  const { change, changeFrom } = entry;
  if (change.mode === 'set' && change.quantity !== undefined) {
    const before = available ? change.quantity - available.delta : unattributed ? null : change.quantity;
    return { before, after: change.quantity };
  }
  if (change.mode === 'adjust' && changeFrom !== null) {
    return { before: changeFrom, after: changeFrom + (change.delta ?? 0) };
  }
  return null;
}

function afterOf(change: ShopifyInventoryChange | undefined, fallback: number | null, map: (after: number) => number): number | null {
  return change?.quantityAfterChange == null ? fallback : map(change.quantityAfterChange);
}

function onHandAfter(known: InventoryLevel | null, after: number, onHand: ShopifyInventoryChange | undefined): number | null {
  if (onHand?.quantityAfterChange != null) return onHand.quantityAfterChange;
  if (known?.onHand == null) return null;
  // on_hand = available + the unavailable states, which an `available` change leaves as they were.
  return known.onHand - known.available + after;
}
