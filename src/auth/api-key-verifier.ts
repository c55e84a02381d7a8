import { createHash, timingSafeEqual } from 'node:crypto';
import { effectiveRoles, type Caller, type CallerRole } from '../model/caller.ts';

export interface ApiKeyRecord {
  readonly id: string;
  /** "sha256:<64 hex>" as validated by the config schema. */
  readonly keyHash: string;
  readonly roles: readonly CallerRole[];
  readonly vendors?: readonly string[];
}

/**
 * Finds the configured key a presented key hashes to. Keys are stored only as SHA-256 hashes;
 * the presented key is hashed and compared with every configured hash in constant time (no early
 * exit), so timing reveals neither which key nor how much of it matched.
 */
export function createApiKeyVerifier(records: readonly ApiKeyRecord[]): (presented: string) => Caller | null {
  const entries = records.map((record) => ({
    digest: Buffer.from(record.keyHash.slice('sha256:'.length), 'hex'),
    caller: Object.freeze<Caller>({
      id: record.id,
      kind: 'api-key',
      roles: effectiveRoles(record.roles),
      vendorScope: record.vendors ? new Set(record.vendors) : null,
    }),
  }));
  return (presented) => {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let match: Caller | null = null;
    for (const entry of entries) {
      if (timingSafeEqual(digest, entry.digest) && match === null) match = entry.caller;
    }
    return match;
  };
}
