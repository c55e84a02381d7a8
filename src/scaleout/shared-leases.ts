/**
 * Leases on keys shared by every instance: write locks on stock levels, idempotency keys in
 * progress, sync-job ownership. Redis-backed across instances (redis-leases.ts); one process
 * needs none of it (`null` in GatewayServices: its in-process SingleFlight, KeyedMutex and the
 * store's own lease do the job).
 */
export interface SharedLeases {
  /**
   * Takes every key or none (so two callers can never each hold part of the other's keys: no
   * deadlock), retrying until `waitUntil` (epoch ms; 0 = one attempt). Answers null when the keys
   * stayed taken; throws STORE_UNAVAILABLE when Redis cannot be reached.
   */
  acquire(keys: readonly string[], options: LeaseOptions): Promise<Lease | null>;
  /** Milliseconds until `key`'s current lease expires (0 when free). */
  remainingMs(key: string): Promise<number>;
}

export interface LeaseOptions {
  readonly ttlMs: number;
  readonly waitUntil: number;
  readonly signal?: AbortSignal;
}

export interface Lease {
  readonly keys: readonly string[];
  /** Grows with every acquisition of any key: a larger token is a later holder. */
  readonly fencingToken: number;
  /** Pushes the expiry out; false when the lease was lost (expired and taken by another). */
  extend(ttlMs: number): Promise<boolean>;
  /** Gives the keys back if still held; never throws (an unreachable Redis lets them expire). */
  release(): Promise<void>;
}

/** Key names, so every user spells a lease the same way. */
export const LeaseKey = {
  /** One stock level (global product ID + global location ID). */
  level: (productId: string, locationId: string) => `lock:level:${productId}|${locationId}`,
  /** An idempotency key of one caller while a run holds it. */
  idempotency: (scope: string, key: string) => `lease:idempotency:${scope.length}:${scope}|${key}`,
  /** The one sync job allowed per vendor account. */
  syncJob: (accountKey: string) => `lease:sync:${accountKey}`,
} as const;
