import { levelGlobalId, locationGlobalId, productGlobalId } from '../../model/global-id.ts';
import { ProductStatus, type InventoryLevel, type StandardProduct } from '../../model/standard-model.ts';
import { productNativeId, variationNativeId } from './woocommerce-native-id.ts';
import type { WooParentSummary, WooProduct, WooProductStatus, WooVariation } from './woocommerce-schemas.ts';

/**
 * Pure mapping of WooCommerce v3 payloads to the standard model.
 *
 * Decisions (README "WooCommerce"):
 * - One sellable SKU is a simple product or a variation; variable/grouped/external parents are not.
 * - Prices stay the exact strings WooCommerce sent ("21.99", "19.995"); `price` (the active
 *   price, sale or regular) is used. An unpriced item (`price: ""`, which WooCommerce itself treats
 *   as not purchasable) falls back to `regular_price`, then to "0": `Money.amount` is non-null.
 * - `manage_stock: false` → `inventoryTracked: false` and no levels; WooCommerce keeps no quantity.
 * - WooCommerce core has one stock quantity per item, so there is one location per site,
 *   native id "default", named after the vendor (the site).
 * - A variation is named "<parent name> - <option>, <option>", WooCommerce's own title format,
 *   and takes its parent's status unless the parent is published (a private variation is disabled).
 */
export interface WooMappingContext {
  readonly vendorId: string;
  readonly currencyCode: string;
  /** Name of the single stock location (the site's name). */
  readonly locationName: string;
}

/** Native id of the single WooCommerce stock location. */
export const WOO_LOCATION_ID = 'default';

export function mapWooStatus(status: WooProductStatus): ProductStatus {
  switch (status) {
    case 'publish':
      return ProductStatus.ACTIVE;
    case 'draft':
    case 'pending':
    case 'private':
    case 'future':
      return ProductStatus.DRAFT;
    case 'trash':
      return ProductStatus.ARCHIVED;
  }
}

export function wooPriceAmount(item: { readonly price: string; readonly regular_price: string }): string {
  return item.price || item.regular_price || '0';
}

/** WooCommerce `_gmt` dates carry no zone; they are UTC. */
export function wooGmtToIso(date: string | null | undefined): string | null {
  if (!date) return null;
  return /(Z|[+-]\d{2}:\d{2})$/.test(date) ? date : `${date}Z`;
}

export function variationName(baseName: string, attributes: ReadonlyArray<{ readonly option: string }>): string {
  const options = attributes.map((attribute) => attribute.option).filter((option) => option.length > 0);
  if (options.length === 0) return baseName;
  const suffix = ` - ${options.join(', ')}`;
  return baseName.endsWith(suffix) ? baseName : `${baseName}${suffix}`;
}

export function mapSimpleProduct(product: WooProduct, ctx: WooMappingContext): StandardProduct {
  const nativeId = productNativeId(product.id);
  const id = productGlobalId(ctx.vendorId, nativeId);
  const updatedAt = wooGmtToIso(product.date_modified_gmt);
  const tracked = product.manage_stock === true;
  return {
    id,
    vendorId: ctx.vendorId,
    nativeId,
    sku: product.sku || null,
    name: product.name,
    parentNativeId: null,
    price: { amount: wooPriceAmount(product), currencyCode: ctx.currencyCode },
    cost: null,
    status: mapWooStatus(product.status),
    barcode: product.global_unique_id || null,
    inventoryTracked: tracked,
    updatedAt,
    inventoryLevels: inlineLevels(tracked, product.stock_quantity, id, nativeId, updatedAt, ctx),
    inventoryRef: nativeId,
  };
}

export function mapVariation(variation: WooVariation, parent: WooParentSummary, ctx: WooMappingContext): StandardProduct {
  const nativeId = variationNativeId(parent.id, variation.id);
  const id = productGlobalId(ctx.vendorId, nativeId);
  const updatedAt = wooGmtToIso(variation.date_modified_gmt);
  const tracked = variation.manage_stock !== false;
  const status = parent.status === 'publish' ? mapWooStatus(variation.status) : mapWooStatus(parent.status);
  return {
    id,
    vendorId: ctx.vendorId,
    nativeId,
    sku: variation.sku || null,
    name: variationName(parent.name, variation.attributes),
    parentNativeId: productNativeId(parent.id),
    price: { amount: wooPriceAmount(variation), currencyCode: ctx.currencyCode },
    cost: null,
    status,
    barcode: variation.global_unique_id || null,
    inventoryTracked: tracked,
    updatedAt,
    inventoryLevels: inlineLevels(tracked, variation.stock_quantity, id, nativeId, updatedAt, ctx),
    // `manage_stock: "parent"`: the variation sells from its parent's stock, so writes go there.
    inventoryRef: variation.manage_stock === 'parent' ? productNativeId(parent.id) : nativeId,
  };
}

/**
 * A variation as `/products?sku=` returns it (product-shaped, `type: "variation"`, `parent_id`)
 * in the shape of the variations endpoint, so both paths map through `mapVariation`.
 */
export function productAsVariation(product: WooProduct): WooVariation {
  return {
    id: product.id,
    sku: product.sku,
    status: product.status,
    price: product.price,
    regular_price: product.regular_price,
    sale_price: product.sale_price,
    manage_stock: product.manage_stock,
    stock_quantity: product.stock_quantity,
    stock_status: product.stock_status,
    date_modified_gmt: product.date_modified_gmt,
    attributes: product.attributes.map((attribute) => ({ id: attribute.id, name: attribute.name, option: attribute.option ?? '' })),
    global_unique_id: product.global_unique_id,
  };
}

/** The single stock level of one SKU. */
export function wooStockLevel(
  productId: string,
  nativeId: string,
  available: number,
  updatedAt: string | null,
  ctx: WooMappingContext,
): InventoryLevel {
  return {
    id: levelGlobalId(ctx.vendorId, nativeId, WOO_LOCATION_ID),
    productId,
    locationId: locationGlobalId(ctx.vendorId, WOO_LOCATION_ID),
    locationName: ctx.locationName,
    available,
    // WooCommerce keeps one number (stock that can still be sold); it has no separate on-hand count.
    onHand: null,
    updatedAt,
  };
}

function inlineLevels(
  tracked: boolean,
  quantity: number | null,
  productId: string,
  nativeId: string,
  updatedAt: string | null,
  ctx: WooMappingContext,
): readonly InventoryLevel[] {
  if (!tracked || quantity === null) return [];
  return [wooStockLevel(productId, nativeId, quantity, updatedAt, ctx)];
}
