import type { InventoryLevel } from '../model/standard-model.ts';

/**
 * A compact, order-independent text of a product's levels (location → available, on hand), kept
 * per product in the store so a sync can tell which products' stock changed since the last pass.
 */
export function levelSnapshot(levels: readonly InventoryLevel[]): string {
  const pairs = levels
    .map((level) => [level.locationId, level.available, level.onHand] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(pairs);
}

export const levelSnapshotNamespace = (vendorId: string): string => `inventory-levels:${vendorId}`;
