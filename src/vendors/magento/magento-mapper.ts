import { levelGlobalId, locationGlobalId, productGlobalId } from '../../model/global-id.ts';
import { ProductStatus, type InventoryLevel, type Money, type StandardProduct } from '../../model/standard-model.ts';
import { decimalAmount } from './magento-money.ts';
import type { MagentoProduct, MagentoSourceItem, MagentoStockItem } from './magento-schemas.ts';

/** Product types that are one sellable SKU. Configurable parents only group their children. */
export const SELLABLE_TYPE_IDS: readonly string[] = ['simple', 'virtual'];
export const CONFIGURABLE_TYPE_ID = 'configurable';

/** Magento product `status`: 1 enabled, 2 disabled (Magento\Catalog\Model\Product\Attribute\Source\Status). */
export const MagentoProductStatus = { ENABLED: 1, DISABLED: 2 } as const;

/**
 * Without MSI, a store has one stock (stock_id 1). Its level uses the code MSI gives the same
 * stock's source ("default"), so location IDs survive enabling MSI later.
 */
export const LEGACY_LOCATION = { code: 'default', name: 'Default Source' } as const;

export interface MagentoMappingContext {
  readonly vendorId: string;
  readonly currencyCode: string;
  /** Custom attribute codes tried in order for the barcode (Magento has no native barcode field). */
  readonly barcodeAttributes: readonly string[];
  /** The configurable parent's ID for a child, when the product is one. */
  readonly parentNativeId: string | null;
  /** True where MSI is off: the legacy `stock_item` in the payload is the product's only level. */
  readonly inlineLegacyStock: boolean;
}

export function isSellable(product: Pick<MagentoProduct, 'type_id'>): boolean {
  return SELLABLE_TYPE_IDS.includes(product.type_id);
}

export function mapProduct(product: MagentoProduct, ctx: MagentoMappingContext): StandardProduct {
  const nativeId = String(product.id);
  const id = productGlobalId(ctx.vendorId, nativeId);
  const stockItem = product.extension_attributes?.stock_item;
  return {
    id,
    vendorId: ctx.vendorId,
    nativeId,
    sku: product.sku,
    name: product.name ?? product.sku,
    parentNativeId: ctx.parentNativeId,
    price: money(product.price ?? 0, ctx.currencyCode) ?? { amount: decimalAmount(0, ctx.currencyCode) ?? '0', currencyCode: ctx.currencyCode },
    cost: moneyAttribute(product, 'cost', ctx.currencyCode),
    status: product.status === MagentoProductStatus.DISABLED ? ProductStatus.DRAFT : ProductStatus.ACTIVE,
    barcode: firstTextAttribute(product, ctx.barcodeAttributes),
    // manage_stock false ("Manage Stock: No") means Magento does not track quantities for it.
    inventoryTracked: stockItem?.manage_stock ?? true,
    updatedAt: product.updated_at ? magentoTimestampToIso(product.updated_at) : null,
    ...(ctx.inlineLegacyStock ? { inventoryLevels: stockItem ? [legacyLevel(ctx.vendorId, id, nativeId, stockItem)] : [] } : {}),
    inventoryRef: product.sku,
  };
}

/** One level per MSI source item of the product, in the order given. */
export function mapSourceItemLevels(
  vendorId: string,
  product: Pick<StandardProduct, 'id' | 'nativeId'>,
  sourceItems: readonly MagentoSourceItem[],
  sourceNames: ReadonlyMap<string, string>,
): InventoryLevel[] {
  return sourceItems.map((item) => sourceItemLevel(vendorId, product, item, sourceNames.get(item.source_code) ?? item.source_code));
}

export function sourceItemLevel(
  vendorId: string,
  product: Pick<StandardProduct, 'id' | 'nativeId'>,
  item: Pick<MagentoSourceItem, 'source_code' | 'quantity'>,
  locationName: string,
): InventoryLevel {
  return {
    id: levelGlobalId(vendorId, product.nativeId, item.source_code),
    productId: product.id,
    locationId: locationGlobalId(vendorId, item.source_code),
    locationName,
    // A source item holds the physical quantity at that source; reservations are per stock, not per source.
    available: item.quantity,
    onHand: item.quantity,
    updatedAt: null,
  };
}

export function legacyLevel(vendorId: string, productId: string, productNativeId: string, stockItem: MagentoStockItem): InventoryLevel {
  return sourceItemLevel(vendorId, { id: productId, nativeId: productNativeId }, { source_code: LEGACY_LOCATION.code, quantity: stockItem.qty ?? 0 }, LEGACY_LOCATION.name);
}

/** Magento REST timestamps are UTC "YYYY-MM-DD HH:MM:SS". */
export function magentoTimestampToIso(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(value);
  return match ? `${match[1]}T${match[2]}Z` : null;
}

export function isoToMagentoTimestamp(iso: string): string | null {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

function money(raw: number | string, currencyCode: string): Money | null {
  const amount = decimalAmount(raw, currencyCode);
  return amount === null ? null : { amount, currencyCode };
}

function moneyAttribute(product: MagentoProduct, code: string, currencyCode: string): Money | null {
  const value = attributeValue(product, code);
  if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '')) return money(value, currencyCode);
  return null;
}

function firstTextAttribute(product: MagentoProduct, codes: readonly string[]): string | null {
  for (const code of codes) {
    const value = attributeValue(product, code);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
}

function attributeValue(product: MagentoProduct, code: string): unknown {
  return product.custom_attributes?.find((attribute) => attribute.attribute_code === code)?.value;
}
