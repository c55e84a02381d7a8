/**
 * WooCommerce native IDs of sellable SKUs. A simple product is its post id ("794"); a
 * variation is "<parentId>:<variationId>" ("799:732") because the v3 API reads and writes a
 * variation only under its parent (`/products/{parent}/variations/{id}`, `include` on
 * `/products` never matches variations), so the parent must travel with the id.
 */
export type WooItemRef =
  | { readonly kind: 'product'; readonly productId: number }
  | { readonly kind: 'variation'; readonly productId: number; readonly variationId: number };

export function productNativeId(productId: number): string {
  return String(productId);
}

export function variationNativeId(parentId: number, variationId: number): string {
  return `${String(parentId)}:${String(variationId)}`;
}

/** The reference a native ID names, or null when it is not one of ours. */
export function parseWooNativeId(nativeId: string): WooItemRef | null {
  const match = /^(\d{1,18})(?::(\d{1,18}))?$/.exec(nativeId);
  if (!match?.[1]) return null;
  const productId = Number(match[1]);
  if (productId <= 0) return null;
  if (match[2] === undefined) return { kind: 'product', productId };
  const variationId = Number(match[2]);
  return variationId > 0 ? { kind: 'variation', productId, variationId } : null;
}

export function refNativeId(ref: WooItemRef): string {
  return ref.kind === 'product' ? productNativeId(ref.productId) : variationNativeId(ref.productId, ref.variationId);
}
