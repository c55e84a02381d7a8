import type { UpstreamCallContext } from '../vendor-source.ts';
import type { MagentoCatalogReader } from './magento-catalog-reader.ts';
import type { MagentoProduct } from './magento-schemas.ts';
import type { MagentoStockLayout } from './magento-stock-directory.ts';

/** One stock level in Magento's terms: a SKU at a source (MSI) or its legacy stock item. */
export interface MagentoLevelKey {
  readonly key: string;
  readonly sku: string;
  readonly source: string;
}

export interface MagentoLevel {
  readonly quantity: number;
  /** Legacy stock item id (the PUT path needs it). */
  readonly itemId?: number;
}

export function magentoLevelKey(sku: string, source: string): MagentoLevelKey {
  return { key: `${sku.toLowerCase()}\u0000${source}`, sku, source };
}

/**
 * Current quantities of the given levels in one batched read: MSI source items by SKU (one `in`
 * request per chunk), or on a legacy store the stock items inline in one product search. A level
 * that does not exist (the SKU is not assigned to that source) is absent from the answer.
 */
export async function readMagentoLevels(
  reader: MagentoCatalogReader,
  layout: MagentoStockLayout,
  ctx: UpstreamCallContext,
  levels: readonly MagentoLevelKey[],
): Promise<Map<string, MagentoLevel>> {
  const skus = levels.map((level) => level.sku);
  const current = new Map<string, MagentoLevel>();
  if (levels.length === 0) return current;
  if (layout.mode === 'msi') {
    const items = await reader.sourceItems(ctx, skus);
    for (const level of levels) {
      const item = items.get(level.sku.toLowerCase())?.find((candidate) => candidate.source_code === level.source);
      if (item) current.set(level.key, { quantity: item.quantity });
    }
    return current;
  }
  const products = await reader.productsWhere(ctx, 'sku', skus);
  for (const level of levels) {
    const product = products.get(level.sku.toLowerCase());
    if (product instanceof Error) throw product;
    const legacy = product ? legacyLevel(product) : null;
    if (legacy) current.set(level.key, legacy);
  }
  return current;
}

/** The legacy stock item a product search carries inline (`extension_attributes.stock_item`). */
export function legacyLevel(product: MagentoProduct): MagentoLevel | null {
  const stockItem = product.extension_attributes?.stock_item;
  return stockItem ? { quantity: stockItem.qty ?? 0, itemId: stockItem.item_id } : null;
}
