import { mayUseVendor } from '../auth/vendor-visibility.ts';
import { locationById } from '../catalog/location-lookup.ts';
import { productById } from '../catalog/product-lookup.ts';
import type { RequestContext } from '../context/request-context.ts';
import { NodeKind, decodeGlobalId } from '../model/global-id.ts';
import type { StandardProduct, StockLocation } from '../model/standard-model.ts';
import type { VendorSource } from '../vendors/vendor-source.ts';

/** A StandardizedProduct representation from a supergraph: by `id`, or by `vendorId` and `sku`. */
export type ProductReference = { readonly id: string } | { readonly vendorId: string; readonly sku: string };

/**
 * The product a reference names, or null when there is none the caller may see. References of one
 * `_entities` request are loaded in the same tick, so the request's loaders turn them into one
 * batched call per vendor: 50 references cost what one `productsBySku` of 50 codes costs.
 */
export async function productByReference(ctx: RequestContext, reference: ProductReference): Promise<StandardProduct | null> {
  if ('id' in reference && typeof reference.id === 'string') return productById(ctx, reference.id);
  const { vendorId, sku } = reference as { vendorId?: unknown; sku?: unknown };
  if (typeof vendorId !== 'string' || typeof sku !== 'string' || !mayUseVendor(ctx, vendorId)) return null;
  const matches = await ctx.loaders.forVendor(vendorId).productsBySku.load(sku.trim());
  const product = matches.find((match) => match.sku === sku.trim()) ?? matches[0] ?? null;
  if (product) ctx.loaders.prime([product]);
  return product;
}

/** The vendor a `{ id }` reference names, or null when there is none the caller may see. */
export function vendorByReference(ctx: RequestContext, reference: { readonly id: string }): VendorSource | null {
  return mayUseVendor(ctx, reference.id) ? ctx.services.registry.get(reference.id) : null;
}

/**
 * The location a `{ id }` reference names, or null when there is none the caller may see (or the
 * id is no location ID). References of one `_entities` request share each vendor's one locations
 * load (and the read cache), so 50 references cost at most one upstream read per vendor.
 */
export function locationByReference(ctx: RequestContext, reference: { readonly id: string }): Promise<StockLocation | null> | null {
  if (typeof reference.id !== 'string') return null;
  try {
    decodeGlobalId(reference.id, NodeKind.LOCATION);
  } catch {
    return null;
  }
  return locationById(ctx, reference.id);
}
