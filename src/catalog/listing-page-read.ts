import { listingReadsFor } from '../cache/listing-reads.ts';
import { cacheObserver } from '../context/request-loaders.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { ProductPage, ProductPageRequest, VendorSource } from '../vendors/vendor-source.ts';

/**
 * One vendor page of a listing, through the listing reads of the shared cache (single flight,
 * and the listing TTL when configured: `cache.listingTtlMs`, `cache.listingSingleFlight`).
 */
export function readListingPage(ctx: RequestContext, vendor: VendorSource, request: ProductPageRequest): Promise<ProductPage> {
  const { cache, config } = ctx.services;
  const reads = listingReadsFor(cache, { ttlMs: config.cache.listingTtlMs, singleFlight: config.cache.listingSingleFlight });
  const { filter } = request;
  // Every field of the request, in a fixed order: two requests share a read only when identical.
  const key = JSON.stringify([request.first, request.after, filter.status ?? null, filter.query ?? null, filter.updatedSince ?? null, request.includeInventoryLevels]);
  return reads.read(vendor.info.id, key, ctx.signal, () => vendor.listProducts(ctx, request), cacheObserver(ctx));
}
