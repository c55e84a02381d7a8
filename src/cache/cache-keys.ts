import type { ReadCache } from './read-cache.ts';

/**
 * Every cache key the gateway uses. Global IDs already name the vendor, so keys do not.
 *   product:<productGlobalId>          a StandardProduct
 *   levels:<productGlobalId>           the product's InventoryLevel list
 *   sku:<vendorId>:<sku>               the products of one vendor carrying a SKU
 *   locations:<vendorId>               the vendor's StockLocation list (a longer TTL)
 *   listing:<vendorId>:<request>       one page of one vendor's listing (ProductPage)
 * Entries derived from a product carry the tag `product:<productGlobalId>`, so one
 * invalidation reaches them all (e.g. a SKU entry after that product's stock changed).
 */
export const CacheKey = {
  product: (productGlobalId: string) => `product:${productGlobalId}`,
  levels: (productGlobalId: string) => `levels:${productGlobalId}`,
  sku: (vendorId: string, sku: string) => `sku:${vendorId}:${sku}`,
  locations: (vendorId: string) => `locations:${vendorId}`,
  /** One vendor's listing page: `request` is the page request, serialized by the caller. */
  listing: (vendorId: string, request: string) => `listing:${vendorId}:${request}`,
  /** Prefix of every key of one vendor's SKU lookups. */
  vendorSkus: (vendorId: string) => `sku:${vendorId}:`,
} as const;

export const CacheTag = {
  product: (productGlobalId: string) => `product:${productGlobalId}`,
} as const;

/** Drops everything cached about one product (after a write to it, or a webhook). */
export async function invalidateProduct(cache: ReadCache, productGlobalId: string): Promise<void> {
  await Promise.all([
    cache.delete(CacheKey.product(productGlobalId)),
    cache.delete(CacheKey.levels(productGlobalId)),
    cache.deleteByTag(CacheTag.product(productGlobalId)),
  ]);
}
