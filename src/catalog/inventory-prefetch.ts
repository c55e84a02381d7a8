import type { RequestContext } from '../context/request-context.ts';
import type { StandardProduct } from '../model/standard-model.ts';

/**
 * Asks one vendor for the levels of its products that came without them, in one loader batch,
 * right after the products arrived. Stock fields resolve only once the whole root field has
 * (every vendor); asked only then, a vendor that answered at once would find the deadline
 * spent by the slowest one. The field resolvers later find the answers (or errors) in the
 * request's loaders; failures surface there, on the fields that read them.
 */
export async function prefetchInventoryLevels(ctx: RequestContext, vendorId: string, products: readonly StandardProduct[]): Promise<void> {
  const missing = products.filter((product) => !product.inventoryLevels);
  if (missing.length > 0) await ctx.loaders.forVendor(vendorId).inventoryLevels.loadMany(missing);
}
