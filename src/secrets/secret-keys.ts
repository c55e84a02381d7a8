import { createHash } from 'node:crypto';

/** One AES-256 key and the short id stored beside every value it sealed. */
export interface SecretKey {
  /** 8 hex digits derived from the key (never the key itself); tells which key sealed a value. */
  readonly id: string;
  readonly bytes: Buffer;
}

/** The key that seals new values, and the one before it (still opens older values, which are then resealed). */
export interface SecretKeys {
  readonly current: SecretKey;
  readonly previous: SecretKey | null;
}

export const SECRET_KEY_ENV = 'STOCKGRAPH_SECRET_KEY';
export const PREVIOUS_SECRET_KEY_ENV = 'STOCKGRAPH_SECRET_KEY_PREVIOUS';

/** A secret key variable that is set but unusable; the message names the variable and the fix, never the value. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/**
 * Reads STOCKGRAPH_SECRET_KEY (and STOCKGRAPH_SECRET_KEY_PREVIOUS while rotating): 32 random bytes
 * as base64 (`openssl rand -base64 32`) or as 64 hex digits. Null when no key is set.
 */
export function readSecretKeys(env: NodeJS.ProcessEnv): SecretKeys | null {
  const current = env[SECRET_KEY_ENV] ? parseKey(SECRET_KEY_ENV, env[SECRET_KEY_ENV]) : null;
  const previous = env[PREVIOUS_SECRET_KEY_ENV] ? parseKey(PREVIOUS_SECRET_KEY_ENV, env[PREVIOUS_SECRET_KEY_ENV]) : null;
  if (!current) {
    if (previous) throw new SecretKeyError(`${PREVIOUS_SECRET_KEY_ENV} is set without ${SECRET_KEY_ENV}; set the new key in ${SECRET_KEY_ENV} and the old one in ${PREVIOUS_SECRET_KEY_ENV}`);
    return null;
  }
  return { current, previous: previous && previous.id !== current.id ? previous : null };
}

export function secretKey(bytes: Buffer): SecretKey {
  return { id: createHash('sha256').update('stockgraph secret key id\0').update(bytes).digest('hex').slice(0, 8), bytes };
}

function parseKey(name: string, text: string): SecretKey {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
  if (!bytes || bytes.length !== 32) {
    throw new SecretKeyError(`${name} must be 32 random bytes, as base64 (openssl rand -base64 32) or 64 hex digits; the value given is not`);
  }
  return secretKey(bytes);
}
