import { describe, expect, it } from 'vitest';
import { hashApiKey } from './api-key-hash.ts';
import { createApiKeyVerifier } from './api-key-verifier.ts';
import { CallerRole } from '../model/caller.ts';

describe('API keys', () => {
  it('hashes as sha256:<hex> of the UTF-8 key (the format auth.apiKeys[].keyHash expects)', () => {
    // sha256("test") is a well-known vector.
    expect(hashApiKey('test')).toBe('sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
  });

  const verify = createApiKeyVerifier([
    { id: 'partner-1', keyHash: hashApiKey('key-one'), roles: [CallerRole.VIEWER], vendors: ['acme-woo'] },
    { id: 'ops', keyHash: hashApiKey('key-two'), roles: [CallerRole.ADMIN] },
  ]);

  it('finds the key whose hash matches, with its roles (implied ones included) and vendor scope', () => {
    const partner = verify('key-one');
    expect(partner).toMatchObject({ id: 'partner-1', kind: 'api-key' });
    expect([...partner!.roles]).toEqual(['viewer']);
    expect([...partner!.vendorScope!]).toEqual(['acme-woo']);
    const ops = verify('key-two');
    expect([...ops!.roles].sort()).toEqual(['admin', 'inventory:write', 'viewer']);
    expect(ops!.vendorScope).toBeNull();
  });

  it('knows no other key, however close', () => {
    for (const guess of ['', 'key-one ', 'KEY-ONE', 'key-on', hashApiKey('key-one'), hashApiKey('key-one').slice(7)]) {
      expect(verify(guess)).toBeNull();
    }
  });
});
