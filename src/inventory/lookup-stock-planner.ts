import { asVendorError } from '../errors/as-vendor-error.ts';
import { inventoryLevelsOf } from '../catalog/product-lookup.ts';
import type { RequestContext } from '../context/request-context.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { locationGlobalId } from '../model/global-id.ts';
import { failedResult, refusedResult, settledPlan } from '../vendors/stock-writes/phased-writes.ts';
import {
  StockChangeRefusalCode,
  type InventoryChange,
  type InventoryChangeResult,
  type StockChangeRefusal,
  type StockChangeRequest,
  type StockWritePlan,
  type StockWritePlanner,
  type VendorSource,
} from '../vendors/vendor-source.ts';

type Slot = { readonly fixed: InventoryChangeResult; readonly refusal: StockChangeRefusal | null } | InventoryChange;

/**
 * The phases for a source that implements only applyInventoryChanges (a wrapper, a test
 * double): `plan` checks the products through the request's loaders (one batched product
 * lookup per vendor, and one levels lookup where levels did not come inline), `commit` calls
 * applyInventoryChanges, which reads the levels again under the source's own lock. No lock here:
 * such a source serializes inside applyInventoryChanges.
 */
export function lookupStockPlanner(ctx: RequestContext, source: VendorSource): StockWritePlanner {
  const vendorId = source.info.id;
  return {
    async plan(_callCtx, requests, options): Promise<StockWritePlan> {
      const slots = await Promise.all(requests.map((request) => check(ctx, vendorId, request)));
      const ready = slots.filter((slot): slot is InventoryChange => 'product' in slot);
      return settledPlan({
        refusals: slots.map((slot) => ('refusal' in slot ? slot.refusal : null)),
        async commit(callCtx) {
          const results = ready.length > 0 ? await source.applyInventoryChanges(callCtx, ready, options) : [];
          let position = 0;
          return slots.map((slot) => ('product' in slot ? (results[position++] ?? failedResult(ErrorCode.VENDOR_ERROR, `${vendorId} answered no result for this change`)) : slot.fixed));
        },
      });
    },
  };
}

async function check(ctx: RequestContext, vendorId: string, request: StockChangeRequest): Promise<Slot> {
  try {
    const product = await ctx.loaders.forVendor(vendorId).productByNativeId.load(request.productNativeId);
    if (!product) return refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, 'No product with this ID');
    if (!product.inventoryTracked) return refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, 'The vendor does not track stock for this product');
    const locationId = locationGlobalId(vendorId, request.locationNativeId);
    if (!(await inventoryLevelsOf(ctx, product)).some((level) => level.locationId === locationId)) {
      return refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, 'The product is not stocked at this location');
    }
    const { productNativeId: _id, product: _known, ...change } = request;
    return { ...change, product };
  } catch (error) {
    const failure = asVendorError(error, vendorId, []);
    return { fixed: failedResult(failure.code, failure.message), refusal: null };
  }
}

function refused(code: StockChangeRefusalCode, message: string): Slot {
  const refusal = { code, message };
  return { fixed: refusedResult(refusal), refusal };
}
