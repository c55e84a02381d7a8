import { levelGlobalId, locationGlobalId, productGlobalId } from '../../model/global-id.ts';
import type { InventoryLevel, StandardProduct } from '../../model/standard-model.ts';
import type { ShopifyLevelNode, ShopifyVariantNode } from './shopify-schemas.ts';

/** Shopify's title of the only variant of a product without options. */
const DEFAULT_VARIANT_TITLE = 'Default Title';

/** The Shopify parts of a product the level mapping needs. */
export interface LevelOwner {
  readonly id: string;
  readonly nativeId: string;
}

/** One Shopify variant → one StandardProduct (levels included when the payload carried them). */
export function mapVariant(vendorId: string, variant: ShopifyVariantNode, currencyCode: string): StandardProduct {
  const product = variant.product;
  const id = productGlobalId(vendorId, variant.id);
  const levels = variant.inventoryItem.inventoryLevels?.nodes;
  const unitCost = variant.inventoryItem.unitCost;
  return {
    id,
    vendorId,
    nativeId: variant.id,
    sku: emptyToNull(variant.sku),
    name: variant.title === DEFAULT_VARIANT_TITLE ? product.title : `${product.title} - ${variant.title}`,
    parentNativeId: product.id,
    price: { amount: variant.price, currencyCode },
    cost: unitCost ? { amount: unitCost.amount, currencyCode: unitCost.currencyCode } : null,
    status: product.status,
    barcode: emptyToNull(variant.barcode),
    inventoryTracked: variant.inventoryItem.tracked,
    updatedAt: variant.updatedAt ?? null,
    ...(levels ? { inventoryLevels: levels.map((level) => mapLevel(vendorId, { id, nativeId: variant.id }, level)) } : {}),
    inventoryRef: variant.inventoryItem.id,
  };
}

/** One Shopify InventoryLevel → the gateway's level of `owner` at that location. */
export function mapLevel(vendorId: string, owner: LevelOwner, level: ShopifyLevelNode): InventoryLevel {
  const quantity = (name: string) => level.quantities.find((entry) => entry.name === name)?.quantity;
  return {
    id: levelGlobalId(vendorId, owner.nativeId, level.location.id),
    productId: owner.id,
    locationId: locationGlobalId(vendorId, level.location.id),
    locationName: level.location.name,
    available: quantity('available') ?? 0,
    onHand: quantity('on_hand') ?? null,
    updatedAt: level.updatedAt ?? null,
  };
}

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
