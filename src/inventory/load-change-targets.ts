import { asVendorError } from '../catalog/product-listing.ts';
import { inventoryLevelsOf } from '../catalog/product-lookup.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { GatewayError } from '../errors/gateway-error.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import { InventoryUserErrorCode, type InventoryUserError } from './inventory-payload.ts';
import type { PlannedChange } from './parse-changes.ts';

/** A change ready to send, or one whose vendor could not be read (it fails alone, as FAILED). */
export type ChangeTarget =
  | { readonly kind: 'ready'; readonly change: PlannedChange; readonly product: StandardProduct }
  | { readonly kind: 'unavailable'; readonly change: PlannedChange; readonly error: GatewayError };

export interface LoadedTargets {
  readonly targets: readonly ChangeTarget[];
  readonly userErrors: readonly InventoryUserError[];
}

/**
 * The checks that need the vendor's data: the product exists, tracks inventory, and is stocked at
 * the location. Reads go through the request's loaders, so each vendor gets one batched product
 * lookup (and one levels lookup where levels did not come inline).
 */
export async function loadChangeTargets(ctx: RequestContext, changes: readonly PlannedChange[]): Promise<LoadedTargets> {
  const userErrors: InventoryUserError[] = [];
  const targets = await Promise.all(
    changes.map(async (change): Promise<ChangeTarget | null> => {
      const at = (name: string) => ['input', 'changes', String(change.index), name];
      try {
        const product = await ctx.loaders.forVendor(change.vendorId).productByNativeId.load(change.productNativeId);
        if (!product) {
          userErrors.push({ field: at('productId'), code: InventoryUserErrorCode.PRODUCT_NOT_FOUND, message: 'No product with this ID' });
          return null;
        }
        if (!product.inventoryTracked) {
          userErrors.push({ field: at('productId'), code: InventoryUserErrorCode.INVENTORY_NOT_TRACKED, message: 'The vendor does not track stock for this product' });
          return null;
        }
        const levels = await inventoryLevelsOf(ctx, product);
        if (!levels.some((level) => level.locationId === change.locationId)) {
          userErrors.push({ field: at('locationId'), code: InventoryUserErrorCode.LOCATION_NOT_FOUND, message: 'The product is not stocked at this location' });
          return null;
        }
        return { kind: 'ready', change, product };
      } catch (error) {
        return { kind: 'unavailable', change, error: asVendorError(error, change.vendorId, []) };
      }
    }),
  );
  userErrors.sort((a, b) => Number(a.field[2]) - Number(b.field[2]));
  return { targets: targets.filter((target) => target !== null), userErrors };
}
