import { describe, expect, it } from 'vitest';
import { looksLikeJwt } from './jwt-verifier.ts';

describe('looksLikeJwt', () => {
  it('takes three base64url segments as a JWT and anything else as an API key', () => {
    expect(looksLikeJwt('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_')).toBe(true);
    expect(looksLikeJwt('sgk_live_8f2b7c1d9e')).toBe(false);
    expect(looksLikeJwt('a.b')).toBe(false);
    expect(looksLikeJwt('a.b.c.d')).toBe(false);
    expect(looksLikeJwt('a+b.c/d.e=')).toBe(false);
  });
});
