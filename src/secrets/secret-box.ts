import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKey, SecretKeys } from './secret-keys.ts';

const FORMAT = 'sg1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that cannot be opened: wrong key, tampered with, or moved to another record. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface OpenedSecret {
  readonly plaintext: string;
  /** Sealed with the previous key: reseal it with the current one. */
  readonly stale: boolean;
}

/**
 * AES-256-GCM for the few secrets the gateway itself must keep (a Shopify refresh token).
 * A sealed value reads `sg1.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts): a fresh random
 * 96-bit IV per value, the 128-bit tag checked on opening. `context` (the record's namespace and
 * key) is authenticated as additional data, so a value copied onto another record does not open.
 * Rotation: values name the key that sealed them; the previous key still opens them, and the
 * caller reseals what comes back `stale`.
 */
export class SecretBox {
  private readonly keys: SecretKeys;

  constructor(keys: SecretKeys) {
    this.keys = keys;
  }

  seal(plaintext: string, context: string): string {
    const key = this.keys.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, key.id, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(sealed: string, context: string): OpenedSecret {
    const [format, keyId, iv, ciphertext, tag, ...rest] = sealed.split('.');
    if (format !== FORMAT || !keyId || !iv || ciphertext === undefined || !tag || rest.length > 0) {
      throw new SecretBoxError(`a stored secret for ${context} is not in the sealed format`);
    }
    const key = this.keyFor(keyId, context);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      return { plaintext, stale: key !== this.keys.current };
    } catch {
      throw new SecretBoxError(`a stored secret for ${context} failed its integrity check (tampered with, or sealed for another record)`);
    }
  }

  private keyFor(keyId: string, context: string): SecretKey {
    if (keyId === this.keys.current.id) return this.keys.current;
    if (keyId === this.keys.previous?.id) return this.keys.previous;
    throw new SecretBoxError(
      `a stored secret for ${context} was sealed with key ${keyId}, which is neither STOCKGRAPH_SECRET_KEY (${this.keys.current.id}) nor STOCKGRAPH_SECRET_KEY_PREVIOUS${this.keys.previous ? ` (${this.keys.previous.id})` : ''}`,
    );
  }
}
