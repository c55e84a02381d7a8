import { createHash } from 'node:crypto';

export type InventoryMutationMode = 'set' | 'adjust';

/** One change as the GraphQL input carries it (`quantity` for set, `delta` for adjust). */
export interface InventoryChangeInput {
  readonly productId: string;
  readonly locationId: string;
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
      change.productId,
      change.locationId,
      (mode === 'set' ? change.quantity : change.delta) ?? null,
      change.compareQuantity ?? null,
    ]),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
