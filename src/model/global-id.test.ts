import { describe, expect, it } from 'vitest';
import { NodeKind, decodeGlobalId, encodeGlobalId, productGlobalId } from './global-id.ts';

describe('global IDs', () => {
  it('round-trip native IDs that contain colons, slashes and unicode', () => {
    for (const nativeId of ['gid://shopify/ProductVariant/123', '42:7', 'SKU/ü/☕', 'a']) {
      const id = productGlobalId('acme-shop', nativeId);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeGlobalId(id, NodeKind.PRODUCT)).toEqual({ kind: NodeKind.PRODUCT, vendorId: 'acme-shop', nativeId });
    }
  });

  it('reject garbage and IDs of another kind with BAD_USER_INPUT naming the field', () => {
    expect(() => decodeGlobalId('%%%')).toThrow(/not a valid stockgraph ID/);
    expect(() => decodeGlobalId(Buffer.from('X:acme:1').toString('base64url'))).toThrow(/not a valid stockgraph ID/);
    expect(() => decodeGlobalId(Buffer.from('P:acme:').toString('base64url'))).toThrow(/not a valid stockgraph ID/);
    const location = encodeGlobalId(NodeKind.LOCATION, 'acme', '1');
    try {
      decodeGlobalId(location, NodeKind.PRODUCT, 'productId');
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    }
  });
});
