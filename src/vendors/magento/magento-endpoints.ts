/** Paths below /rest/<storeCode>/V1 and their bounded operation names (for logs and metrics). */
export const MagentoEndpoint = {
  PRODUCTS: { path: '/products', operation: 'products.search' },
  SOURCE_ITEMS: { path: '/inventory/source-items', operation: 'sourceItems.search' },
  SOURCE_ITEMS_SAVE: { path: '/inventory/source-items', operation: 'sourceItems.save' },
  SOURCES: { path: '/inventory/sources', operation: 'sources.search' },
} as const;

/** PUT /V1/products/{sku}/stockItems/{itemId} (legacy single-source stock). */
export function legacyStockItemPath(sku: string, itemId: number): string {
  return `/products/${encodeURIComponent(sku)}/stockItems/${itemId}`;
}
export const LEGACY_STOCK_ITEM_OPERATION = 'stockItem.update';
