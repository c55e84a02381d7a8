import { badUserInput } from '../errors/gateway-error.ts';
import type { StockLocation } from './standard-model.ts';

/** The kinds of node that carry a global ID. */
export const NodeKind = { PRODUCT: 'P', LOCATION: 'L', LEVEL: 'I' } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export interface DecodedGlobalId {
  readonly kind: NodeKind;
  readonly vendorId: string;
  readonly nativeId: string;
}

const KINDS: ReadonlySet<string> = new Set(Object.values(NodeKind));

/**
 * Global IDs are opaque to clients: base64url of `<kind>:<vendorId>:<nativeId>`.
 * Vendor ids are validated to `[a-z0-9-]` at start-up, so the first two colons split safely;
 * native IDs may contain anything (Shopify GIDs contain `:` and `/`).
 */
export function encodeGlobalId(kind: NodeKind, vendorId: string, nativeId: string): string {
  return Buffer.from(`${kind}:${vendorId}:${nativeId}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(id: string, expected?: NodeKind, field = 'id'): DecodedGlobalId {
  const text = /^[A-Za-z0-9_-]+$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  const kind = text.slice(0, first);
  if (first < 0 || second < 0 || !KINDS.has(kind) || second === text.length - 1) {
    throw badUserInput(`"${field}" is not a valid stockgraph ID: ${JSON.stringify(id)}`, field);
  }
  if (expected && kind !== expected) {
    throw badUserInput(`"${field}" is an ID of another kind of object: ${JSON.stringify(id)}`, field);
  }
  return { kind: kind as NodeKind, vendorId: text.slice(first + 1, second), nativeId: text.slice(second + 1) };
}

export const productGlobalId = (vendorId: string, nativeId: string): string =>
  encodeGlobalId(NodeKind.PRODUCT, vendorId, nativeId);
export const locationGlobalId = (vendorId: string, nativeId: string): string =>
  encodeGlobalId(NodeKind.LOCATION, vendorId, nativeId);
export const levelGlobalId = (vendorId: string, productNativeId: string, locationNativeId: string): string =>
  encodeGlobalId(NodeKind.LEVEL, vendorId, `${productNativeId}@${locationNativeId}`);

/** A location of the standard model from a vendor's native location ID. */
export function stockLocation(vendorId: string, nativeId: string, name: string, active: boolean): StockLocation {
  return { id: locationGlobalId(vendorId, nativeId), vendorId, nativeId, name, active };
}
