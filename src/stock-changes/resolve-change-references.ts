import type { RequestContext } from '../context/request-context.ts';
import { asVendorError } from '../errors/as-vendor-error.ts';
import { locationGlobalId, productGlobalId } from '../model/global-id.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import { InventoryUserErrorCode, type InventoryUserError } from './inventory-payload.ts';
import type { ParsedChange, PlannedChange } from './parse-changes.ts';

export interface ResolvedChanges {
  readonly changes: readonly PlannedChange[];
  /** Unknown or ambiguous SKUs and aliases, duplicates: the whole input is refused, nothing is sent. */
  readonly userErrors: readonly InventoryUserError[];
}

/**
 * Turns each change's product reference into the vendor's native product ID. Most need no
 * request: a global ID or a `nativeProductId` already is one (the write's own read checks it
 * exists). A SKU code, and an alias such as a Shopify InventoryItem GID, are looked up through the
 * request's loaders: every change of a vendor in the same tick, so one batched lookup per vendor
 * (and per kind of key) serves the whole mutation. A vendor whose lookup fails throws (its
 * VENDOR_* code): nothing has been sent anywhere yet.
 */
export async function resolveChangeReferences(ctx: RequestContext, parsed: readonly ParsedChange[]): Promise<ResolvedChanges> {
  const lookups = await Promise.all(parsed.map((change) => lookUp(ctx, change)));
  const userErrors: InventoryUserError[] = [];
  const changes: PlannedChange[] = [];
  const seen = new Set<string>();
  parsed.forEach((change, position) => {
    const field = (name: string) => ['input', 'changes', String(change.index), name];
    const found = lookups[position];
    let productNativeId: string;
    if (found === undefined) {
      productNativeId = (change.product as { nativeId: string }).nativeId;
    } else if (found.length === 0) {
      userErrors.push({ field: field(change.product.field), code: InventoryUserErrorCode.PRODUCT_NOT_FOUND, message: change.product.by === 'sku' ? `No product with SKU "${change.product.sku}" at ${change.vendorId}` : 'No product with this ID' });
      return;
    } else if (found.length > 1) {
      userErrors.push({ field: field('sku'), code: InventoryUserErrorCode.AMBIGUOUS_SKU, message: `${found.length} products carry this SKU at ${change.vendorId}; name one by nativeProductId or productId` });
      return;
    } else {
      productNativeId = (found[0] as StandardProduct).nativeId;
    }
    const pair = `${change.vendorId}\u0000${productNativeId}\u0000${change.locationNativeId}`;
    if (seen.has(pair)) {
      userErrors.push({ field: field(change.locationField), code: InventoryUserErrorCode.DUPLICATE_CHANGE, message: 'This product and location already appear earlier in the same input' });
      return;
    }
    seen.add(pair);
    changes.push({
      index: change.index,
      mode: change.mode,
      vendorId: change.vendorId,
      productId: productGlobalId(change.vendorId, productNativeId),
      locationId: locationGlobalId(change.vendorId, change.locationNativeId),
      productNativeId,
      locationNativeId: change.locationNativeId,
      productField: change.product.field,
      locationField: change.locationField,
      amount: change.amount,
      compareQuantity: change.compareQuantity,
    });
  });
  return { changes, userErrors };
}

/** The products a SKU or an alias names (undefined: nothing to look up). */
async function lookUp(ctx: RequestContext, change: ParsedChange): Promise<readonly StandardProduct[] | undefined> {
  const reference = change.product;
  const loaders = ctx.loaders.forVendor(change.vendorId);
  try {
    if (reference.by === 'sku') {
      const products = (await loaders.productsBySku.load(reference.sku)).filter((product) => product.sku === reference.sku);
      ctx.loaders.prime(products);
      return products;
    }
    if (!ctx.services.registry.get(change.vendorId).isProductAlias?.(reference.nativeId)) return undefined;
    const product = await loaders.productByNativeId.load(reference.nativeId);
    return product ? [product] : [];
  } catch (error) {
    throw asVendorError(error, change.vendorId, ['input', 'changes', String(change.index), reference.field]);
  }
}
