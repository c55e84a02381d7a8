import { mayUseVendor } from '../auth/vendor-visibility.ts';
import type { RequestContext } from '../context/request-context.ts';
import { asVendorError } from '../errors/as-vendor-error.ts';
import { NodeKind, decodeGlobalId, stockLocation } from '../model/global-id.ts';
import type { InventoryLevel, StockLocation } from '../model/standard-model.ts';

/** Every location of a vendor (through the request's locations loader and the shared cache). */
export function vendorLocations(ctx: RequestContext, vendorId: string): Promise<readonly StockLocation[]> {
  return ctx.loaders.forVendor(vendorId).locations.load(vendorId);
}

/** One location by global ID; null when its vendor has none such, or the caller may not see it. */
export async function locationById(ctx: RequestContext, id: string): Promise<StockLocation | null> {
  const { vendorId, nativeId } = decodeGlobalId(id, NodeKind.LOCATION);
  if (!mayUseVendor(ctx, vendorId)) return null;
  return (await vendorLocations(ctx, vendorId)).find((location) => location.nativeId === nativeId) ?? null;
}

/** Requests that already reported a vendor's failed locations read (one partial error per vendor). */
const reported = new WeakMap<object, Set<string>>();

/**
 * The location of a level. All levels of a response share one load per vendor. A location missing
 * from the vendor's list (created since the list was cached), or a list that cannot be read, is
 * answered from the level itself (its id and name, active) rather than failing the level: a failed
 * read is reported once per vendor as a partial error at the first level's path.
 */
export async function locationOfLevel(ctx: RequestContext, level: InventoryLevel, path: ReadonlyArray<string | number>): Promise<StockLocation> {
  const { vendorId, nativeId } = decodeGlobalId(level.locationId, NodeKind.LOCATION, 'locationId');
  const fromLevel = () => stockLocation(vendorId, nativeId, level.locationName, true);
  try {
    return (await vendorLocations(ctx, vendorId)).find((location) => location.nativeId === nativeId) ?? fromLevel();
  } catch (error) {
    const vendors = reported.get(ctx.partialErrors) ?? new Set<string>();
    reported.set(ctx.partialErrors, vendors);
    if (!vendors.has(vendorId)) {
      vendors.add(vendorId);
      ctx.partialErrors.push(asVendorError(error, vendorId, path));
    }
    return fromLevel();
  }
}
