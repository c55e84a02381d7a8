import { describe, expect, it } from 'vitest';
import { signHmacSha256, verifyHmacSha256 } from './hmac-signature.ts';

// Shopify and WooCommerce sign the raw body: base64 HMAC-SHA256 (shopify.dev "Verify webhooks").
const body = Buffer.from('{"id":1,"available":5}');

describe('verifyHmacSha256', () => {
  it('accepts the signature of the exact bytes and nothing else', () => {
    const signature = signHmacSha256(body, 'secret');
    expect(verifyHmacSha256(body, 'secret', signature, 'base64')).toBe(true);
    expect(verifyHmacSha256(Buffer.from('{"id":1,"available":6}'), 'secret', signature, 'base64')).toBe(false);
    expect(verifyHmacSha256(body, 'other', signature, 'base64')).toBe(false);
    expect(verifyHmacSha256(body, 'secret', undefined, 'base64')).toBe(false);
    expect(verifyHmacSha256(body, 'secret', 'short', 'base64')).toBe(false);
  });

  it('reads hex signatures with a scheme prefix (custom vendors)', () => {
    expect(verifyHmacSha256(body, 's', `sha256=${signHmacSha256(body, 's', 'hex')}`, 'hex', 'sha256=')).toBe(true);
    expect(verifyHmacSha256(body, 's', signHmacSha256(body, 's', 'hex'), 'hex', 'sha256=')).toBe(false);
  });
});
