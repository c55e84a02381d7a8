import { createHash } from 'node:crypto';

export type IdempotencyDecision =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly result: unknown }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'concurrent' };

interface IdempotencyRecord {
  readonly fingerprint: string;
  state: 'running' | 'done';
  result?: unknown;
}

/**
 * Shopify's `@idempotent(key:)` semantics (2026-04 and later, README §5): the first request with a
 * key runs; a later one with the same key and the same arguments gets the first result without
 * running again; the same key with other arguments fails IDEMPOTENCY_KEY_PARAMETER_MISMATCH; a
 * duplicate arriving while the first still runs fails IDEMPOTENCY_CONCURRENT_REQUEST.
 * Keys are kept for the simulator's lifetime (Shopify keeps them for a limited window).
 */
export class IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  begin(key: string, mutation: string, args: unknown): IdempotencyDecision {
    const fingerprint = createHash('sha256').update(`${mutation}\n${JSON.stringify(args)}`).digest('hex');
    const record = this.records.get(key);
    if (!record) {
      this.records.set(key, { fingerprint, state: 'running' });
      return { kind: 'new' };
    }
    if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (record.state === 'running') return { kind: 'concurrent' };
    return { kind: 'replay', result: record.result };
  }

  finish(key: string, result: unknown): void {
    const record = this.records.get(key);
    if (record) {
      record.state = 'done';
      record.result = result;
    }
  }

  /** A run that threw leaves no record, so the key may be used again. */
  abandon(key: string): void {
    this.records.delete(key);
  }

  get size(): number {
    return this.records.size;
  }
}
