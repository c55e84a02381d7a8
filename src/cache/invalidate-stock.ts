import { invalidateProduct } from './cache-keys.ts';
import type { ReadCache } from './read-cache.ts';

/**
 * Drops everything the shared read cache holds about these products: the product, its levels
 * and every SKU lookup that returned it. Call it after a stock write to them or when a sync
 * sees them change (for every product it touched, even the ones whose write failed: the
 * outcome may be unknown). Reads in flight while it runs cannot put old values back.
 */
export async function invalidateStock(services: { readonly cache: ReadCache }, productGlobalIds: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(productGlobalIds)].map((id) => invalidateProduct(services.cache, id)));
}
