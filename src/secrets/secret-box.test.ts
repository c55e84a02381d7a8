import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box.ts';
import { readSecretKeys, SecretKeyError, secretKey } from './secret-keys.ts';
import { SealedValues, type KeyValueSpace } from './sealed-values.ts';

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const SECRET = 'shprt_refresh_0123456789';

function memorySpace(): KeyValueSpace & { rows: Map<string, string> } {
  const rows = new Map<string, string>();
  return {
    rows,
    getValues: async (namespace, keys) => new Map(keys.filter((key) => rows.has(`${namespace}/${key}`)).map((key) => [key, rows.get(`${namespace}/${key}`)!])),
    putValues: async (namespace, entries) => entries.forEach(([key, value]) => rows.set(`${namespace}/${key}`, value)),
  };
}

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox({ current: secretKey(NEW), previous: null });

  it('seals to ciphertext that names its key and opens back; a fresh IV every time', () => {
    const sealed = box.seal(SECRET, 'shopify-tokens/acme');
    expect(sealed).toMatch(new RegExp(`^sg1\\.${secretKey(NEW).id}\\.[\\w-]{16}\\.[\\w-]+\\.[\\w-]{22}$`));
    expect(sealed).not.toContain(SECRET);
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('utf8')).not.toContain('shprt');
    expect(box.seal(SECRET, 'shopify-tokens/acme')).not.toBe(sealed);
    expect(box.open(sealed, 'shopify-tokens/acme')).toEqual({ plaintext: SECRET, stale: false });
  });

  it('refuses a tampered value, and a value moved to another record', () => {
    const sealed = box.seal(SECRET, 'shopify-tokens/acme');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0]! ^= 1;
    parts[3] = flipped.toString('base64url');
    expect(() => box.open(parts.join('.'), 'shopify-tokens/acme')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'shopify-tokens/other')).toThrow('failed its integrity check');
  });

  it('opens values of the previous key as stale; a value of an unknown key names key ids, never keys', () => {
    const sealedOld = new SecretBox({ current: secretKey(OLD), previous: null }).seal(SECRET, 'c');
    const rotated = new SecretBox({ current: secretKey(NEW), previous: secretKey(OLD) });
    expect(rotated.open(sealedOld, 'c')).toEqual({ plaintext: SECRET, stale: true });
    const error = (() => {
      try {
        box.open(sealedOld, 'c');
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toBe(`a stored secret for c was sealed with key ${secretKey(OLD).id}, which is neither STOCKGRAPH_SECRET_KEY (${secretKey(NEW).id}) nor STOCKGRAPH_SECRET_KEY_PREVIOUS`);
    expect(error?.message).not.toContain(OLD.toString('base64'));
  });
});

describe('SealedValues', () => {
  it('stores ciphertext, and reseals a previous-key value with the current key when it is read', async () => {
    const space = memorySpace();
    await new SealedValues(space, new SecretBox({ current: secretKey(OLD), previous: null })).put('acme', SECRET, 1);
    const before = space.rows.get('secrets/acme')!;
    expect(before.split('.')[1]).toBe(secretKey(OLD).id);

    const rotated = new SealedValues(space, new SecretBox({ current: secretKey(NEW), previous: secretKey(OLD) }));
    expect(await rotated.get('acme', 2)).toBe(SECRET);
    expect(space.rows.get('secrets/acme')!.split('.')[1]).toBe(secretKey(NEW).id);
    // Once resealed, the old key can be dropped.
    expect(await new SealedValues(space, new SecretBox({ current: secretKey(NEW), previous: null })).get('acme', 3)).toBe(SECRET);
    expect(await rotated.get('missing', 4)).toBeNull();
  });
});

describe('readSecretKeys', () => {
  it('reads base64 or hex keys of 32 bytes; none set is null', () => {
    expect(readSecretKeys({})).toBeNull();
    expect(readSecretKeys({ STOCKGRAPH_SECRET_KEY: NEW.toString('base64') })?.current.bytes.equals(NEW)).toBe(true);
    const keys = readSecretKeys({ STOCKGRAPH_SECRET_KEY: NEW.toString('hex'), STOCKGRAPH_SECRET_KEY_PREVIOUS: OLD.toString('base64') });
    expect(keys?.previous?.id).toBe(secretKey(OLD).id);
  });

  it('refuses short keys and a previous key alone, without echoing them', () => {
    expect(() => readSecretKeys({ STOCKGRAPH_SECRET_KEY: 'hunter2' })).toThrow(SecretKeyError);
    expect(() => readSecretKeys({ STOCKGRAPH_SECRET_KEY: 'hunter2' })).not.toThrow(/hunter2/);
    expect(() => readSecretKeys({ STOCKGRAPH_SECRET_KEY_PREVIOUS: OLD.toString('base64') })).toThrow('STOCKGRAPH_SECRET_KEY_PREVIOUS is set without STOCKGRAPH_SECRET_KEY');
  });
});
