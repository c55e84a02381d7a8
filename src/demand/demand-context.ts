import { mayUseVendor } from '../auth/vendor-visibility.ts';
import { inventoryLevelsOf } from '../catalog/product-lookup.ts';
import type { GatewayServices } from '../context/gateway-services.ts';
import type { RequestContext } from '../context/request-context.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import type { DemandServices } from './demand-services.ts';

/** A request context whose services include demand planning (the server's GraphContext is one). */
export interface DemandRequestContext extends RequestContext {
  readonly services: GatewayServices & { readonly demand: DemandServices };
}

/** Fails like an unknown vendor when the caller may not use `vendorId` (scope or flags). */
export function assertVendorVisible(ctx: RequestContext, vendorId: string): void {
  if (!mayUseVendor(ctx, vendorId)) {
    throw new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${vendorId}"`, { extensions: { field: 'vendorId' } });
  }
}

export interface SkuStock {
  readonly product: StandardProduct | null;
  /** Units available summed over locations; null when the vendor does not track stock or has no such SKU. */
  readonly available: number | null;
}

/** Current stock of each SKU at one vendor, through the request's batched loaders. */
export async function stockBySku(ctx: RequestContext, vendorId: string, skus: readonly string[]): Promise<Map<string, SkuStock>> {
  const loaders = ctx.loaders.forVendor(vendorId);
  const found = await Promise.all(skus.map((sku) => loaders.productsBySku.load(sku)));
  const products = found.map((matches) => matches[0] ?? null);
  const levels = await Promise.all(products.map((product) => (product?.inventoryTracked ? inventoryLevelsOf(ctx, product) : null)));
  return new Map(
    skus.map((sku, index) => {
      const product = products[index] ?? null;
      const productLevels = levels[index];
      return [sku, { product, available: productLevels ? productLevels.reduce((sum, level) => sum + level.available, 0) : null }];
    }),
  );
}
