import type { Platform } from './platform.ts';

/** Money as a decimal string plus ISO 4217 currency. Never a binary float. */
export interface Money {
  readonly amount: string;
  readonly currencyCode: string;
}

export const ProductStatus = { ACTIVE: 'ACTIVE', DRAFT: 'DRAFT', ARCHIVED: 'ARCHIVED' } as const;
export type ProductStatus = (typeof ProductStatus)[keyof typeof ProductStatus];

export interface VendorInfo {
  readonly id: string;
  readonly name: string;
  readonly platform: Platform;
}

/**
 * One sellable SKU as every vendor mapper produces it: a Shopify variant, a WooCommerce simple
 * product or variation, a Magento simple product, or a custom vendor's item.
 */
export interface StandardProduct {
  /** Opaque global ID (see global-id.ts); round-trips through `product(id)`. */
  readonly id: string;
  readonly vendorId: string;
  /** The vendor's own ID of the sellable item (a Shopify ProductVariant GID, a Woo product/variation id, ...). */
  readonly nativeId: string;
  readonly sku: string | null;
  /** Display name: the product title, plus the variant's title where the product has several. */
  readonly name: string;
  /** The parent product's native ID where the SKU is a variant/variation/child (grouping). */
  readonly parentNativeId: string | null;
  readonly price: Money;
  readonly cost: Money | null;
  readonly status: ProductStatus;
  readonly barcode: string | null;
  readonly inventoryTracked: boolean;
  readonly updatedAt: string | null;
  /**
   * Levels that came with the product payload, when the vendor returns them inline
   * (Magento legacy stock, WooCommerce stock_quantity, a Shopify page that asked for them).
   * `undefined` means "not fetched": the inventory loader fetches them.
   */
  readonly inventoryLevels?: readonly InventoryLevel[];
  /** What the vendor needs to look up or change this SKU's stock (Shopify InventoryItem GID, Magento SKU, ...). */
  readonly inventoryRef: string;
}

/** Stock of one SKU at one location. */
export interface InventoryLevel {
  /** Opaque global ID of the level. */
  readonly id: string;
  /** Global product ID this level belongs to. */
  readonly productId: string;
  /** Opaque global location ID. */
  readonly locationId: string;
  readonly locationName: string;
  readonly available: number;
  readonly onHand: number | null;
  readonly updatedAt: string | null;
}

/**
 * A place a vendor keeps stock: a Shopify Location, a Magento MSI source, WooCommerce's one site
 * location, a custom vendor's warehouse. Named StockLocation so it never shadows the DOM's Location.
 */
export interface StockLocation {
  /** Opaque global ID, the same value as InventoryLevel.locationId. */
  readonly id: string;
  readonly vendorId: string;
  /** The vendor's own ID (a Shopify Location GID, a Magento source_code, ...). */
  readonly nativeId: string;
  readonly name: string;
  /** False where the vendor deactivated it (Shopify isActive, Magento `enabled`); it sells nothing. */
  readonly active: boolean;
}

export interface ProductFilter {
  readonly status?: ProductStatus | null;
  /** Free-text search on name/SKU as far as the vendor supports it. */
  readonly query?: string | null;
  readonly updatedSince?: string | null;
}
