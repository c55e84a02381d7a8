import { createHash } from 'node:crypto';

export type InventoryMutationMode = 'set' | 'adjust';

/**
 * One change as the GraphQL input carries it (`quantity` for set, `delta` for adjust). The product
 * is named by `productId`, or at `vendorId` by `nativeProductId` or `sku`; the location by
 * `locationId` or, at `vendorId`, by `nativeLocationId` (parse-changes.ts checks the combination).
 */
export interface InventoryChangeInput {
  readonly productId?: string | null;
  readonly locationId?: string | null;
  readonly vendorId?: string | null;
  readonly nativeProductId?: string | null;
  readonly sku?: string | null;
  readonly nativeLocationId?: string | null;
  readonly quantity?: number | null;
  readonly delta?: number | null;
  readonly compareQuantity?: number | null;
}

export interface InventoryMutationInput {
  readonly idempotencyKey: string;
  readonly reason: string;
  readonly changes: readonly InventoryChangeInput[];
}

/**
 * sha256 of the canonical request: mutation, reason and the changes in order, each as a fixed
 * tuple (so key order or absent-vs-null in the client's JSON cannot change it). The idempotency
 * key itself is not part of it: the fingerprint says whether a retry is the *same* request.
 */
export function requestFingerprint(mode: InventoryMutationMode, input: InventoryMutationInput): string {
  const canonical = JSON.stringify([
    'stockgraph.inventory.v1',
    mode,
    input.reason,
    input.changes.map((change) => [
      change.productId ?? null,
      change.locationId ?? null,
      (mode === 'set' ? change.quantity : change.delta) ?? null,
      change.compareQuantity ?? null,
      // Only when present, so a change by global IDs keeps the fingerprint it always had.
      ...(hasNativeReference(change) ? [[change.vendorId ?? null, change.nativeProductId ?? null, change.sku ?? null, change.nativeLocationId ?? null]] : []),
    ]),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function hasNativeReference(change: InventoryChangeInput): boolean {
  return [change.vendorId, change.nativeProductId, change.sku, change.nativeLocationId].some((value) => value !== null && value !== undefined);
}
