import { mayUseVendor, visibleVendorIds } from '../auth/vendor-visibility.ts';
import type { RequestContext } from '../context/request-context.ts';
import { badUserInput } from '../errors/gateway-error.ts';
import { NodeKind, decodeGlobalId } from '../model/global-id.ts';
import type { InventoryLevel, StandardProduct } from '../model/standard-model.ts';
import { prefetchInventoryLevels } from './inventory-prefetch.ts';
import { asVendorError } from '../errors/as-vendor-error.ts';

/** One SKU by global ID; null when unknown, or when the caller may not see its vendor. */
export async function productById(ctx: RequestContext, id: string): Promise<StandardProduct | null> {
  const { vendorId, nativeId } = decodeGlobalId(id, NodeKind.PRODUCT);
  if (!mayUseVendor(ctx, vendorId)) return null;
  return ctx.loaders.forVendor(vendorId).productByNativeId.load(nativeId);
}

export interface SkuLookupOptions {
  /** Response path of the field (aliases, nesting) for a failing vendor's partial error. */
  readonly path?: ReadonlyArray<string | number>;
  /** True when the selection reads stock: each vendor's levels are asked as soon as its SKUs are in. */
  readonly includeInventoryLevels?: boolean;
}

/**
 * Every SKU with one of the given codes at every vendor the caller may see. Vendors are asked in
 * parallel (one batched call each); a failing vendor becomes a partial error, the rest answer.
 */
export async function productsBySku(ctx: RequestContext, skus: readonly string[], options: SkuLookupOptions = {}): Promise<StandardProduct[]> {
  const limit = ctx.services.config.limits.maxSkusPerQuery;
  const wanted = [...new Set(skus.map((sku) => sku.trim()))];
  if (wanted.some((sku) => sku.length === 0)) throw badUserInput('"skus" must not contain empty strings', 'skus');
  if (wanted.length > limit) throw badUserInput(`"skus" may hold at most ${limit} codes; got ${wanted.length}`, 'skus');
  const vendorIds = visibleVendorIds(ctx);
  const perVendor = await Promise.all(
    vendorIds.map(async (vendorId) => {
      const results = await ctx.loaders.forVendor(vendorId).productsBySku.loadMany(wanted);
      const found: StandardProduct[] = [];
      for (const result of results) {
        if (result instanceof Error) {
          ctx.partialErrors.push(asVendorError(result, vendorId, options.path ?? ['productsBySku']));
          break; // one error per vendor is enough: the batch failed as a whole
        }
        found.push(...result);
      }
      if (options.includeInventoryLevels) await prefetchInventoryLevels(ctx, vendorId, found);
      return found;
    }),
  );
  const products = perVendor.flat();
  ctx.loaders.prime(products);
  return products;
}

/**
 * Levels of one SKU: inline when the vendor sent them with the product (answered synchronously:
 * a resolver that returns a promise makes graphql-js settle every object of a 100-node page
 * through promises, a tenth of a catalog page's CPU), else batched per vendor.
 */
export function inventoryLevelsOf(ctx: RequestContext, product: StandardProduct): readonly InventoryLevel[] | Promise<readonly InventoryLevel[]> {
  if (product.inventoryLevels) return product.inventoryLevels;
  return ctx.loaders.forVendor(product.vendorId).inventoryLevels.load(product);
}
