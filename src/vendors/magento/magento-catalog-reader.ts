import type { InventoryLevel, StandardProduct } from '../../model/standard-model.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { MagentoClient } from './magento-client.ts';
import type { MagentoVendorConfig } from '../../config/vendors/magento-config.ts';
import { MagentoEndpoint } from './magento-endpoints.ts';
import { mapProduct, mapSourceItemLevels, SELLABLE_TYPE_IDS } from './magento-mapper.ts';
import { searchAll } from './magento-paging.ts';
import type { MagentoParentIndex } from './magento-parent-index.ts';
import { magentoProductSchema, magentoSourceItemSchema, type MagentoProduct, type MagentoSourceItem } from './magento-schemas.ts';
import { anyOf, chunkValues, type FilterGroup } from './magento-search-criteria.ts';
import type { MagentoStockDirectory } from './magento-stock-directory.ts';

/** Keeps one GET's request line far below the 8 KiB many proxies and nginx's default allow. */
const MAX_IN_FILTER_CHARS = 6_000;
/** Magento's "Not Visible Individually": how configurable children are normally set up. */
const VISIBILITY_NOT_VISIBLE_INDIVIDUALLY = 1;

export type LookupField = 'sku' | 'entity_id';

/**
 * Batched reads: every lookup of many keys is one `in` filter per request, chunked so each
 * chunk's matches fit in one page (and the URL stays short). SKUs match case-insensitively, as
 * Magento's unique SKU index does.
 */
export class MagentoCatalogReader {
  private readonly client: MagentoClient;
  private readonly config: MagentoVendorConfig;
  private readonly directory: MagentoStockDirectory;
  private readonly parentIndex: MagentoParentIndex;

  constructor(client: MagentoClient, config: MagentoVendorConfig, directory: MagentoStockDirectory, parentIndex: MagentoParentIndex) {
    this.client = client;
    this.config = config;
    this.directory = directory;
    this.parentIndex = parentIndex;
  }

  async byNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<ReadonlyArray<StandardProduct | null | Error>> {
    const numeric = nativeIds.filter((id) => /^\d+$/.test(id));
    const found = numeric.length > 0 ? await this.productsWhere(ctx, 'entity_id', numeric) : new Map<string, MagentoProduct | Error>();
    const mapped = await this.mapFound(ctx, found);
    return nativeIds.map((id) => mapped.get(id.toLowerCase()) ?? null);
  }

  async bySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<ReadonlyArray<readonly StandardProduct[] | Error>> {
    const found = skus.length > 0 ? await this.productsWhere(ctx, 'sku', skus) : new Map<string, MagentoProduct | Error>();
    const mapped = await this.mapFound(ctx, found);
    return skus.map((sku) => {
      const product = mapped.get(sku.toLowerCase());
      return product instanceof Error ? product : product ? [product] : [];
    });
  }

  async levels(ctx: UpstreamCallContext, products: readonly StandardProduct[]): Promise<ReadonlyArray<readonly InventoryLevel[] | Error>> {
    const layout = await this.directory.layout(ctx);
    if (layout.mode === 'legacy') {
      const missing = products.filter((p) => p.inventoryLevels === undefined);
      const refetched = missing.length > 0 ? await this.bySkus(ctx, missing.map((p) => p.inventoryRef)) : [];
      const levels = new Map(refetched.flatMap((r) => (r instanceof Error ? [] : r)).map((p) => [p.inventoryRef.toLowerCase(), p.inventoryLevels ?? []]));
      return products.map((p) => p.inventoryLevels ?? levels.get(p.inventoryRef.toLowerCase()) ?? []);
    }
    const items = await this.sourceItems(ctx, products.map((p) => p.inventoryRef));
    return products.map((p) => mapSourceItemLevels(this.config.id, p, items.get(p.inventoryRef.toLowerCase()) ?? [], layout.sourceNames));
  }

  private async mapFound(ctx: UpstreamCallContext, found: ReadonlyMap<string, MagentoProduct | Error>): Promise<Map<string, StandardProduct | Error>> {
    const good = [...found.entries()].filter((entry): entry is [string, MagentoProduct] => !(entry[1] instanceof Error));
    const mapped = await this.toStandard(ctx, good.map(([, product]) => product));
    const out = new Map<string, StandardProduct | Error>([...found.entries()].filter((entry): entry is [string, Error] => entry[1] instanceof Error));
    good.forEach(([key], i) => {
      const product = mapped[i];
      if (product) out.set(key, product);
    });
    return out;
  }

  /** Sellable products whose `field` is one of `values`, keyed by the lowercased value; a bad payload is an Error under its key. */
  async productsWhere(ctx: UpstreamCallContext, field: LookupField, values: readonly string[]): Promise<Map<string, MagentoProduct | Error>> {
    const unique = [...new Map(values.map((value) => [value.toLowerCase(), value])).values()];
    const chunks = chunkValues(unique, { maxValues: this.config.pageSize, maxEncodedChars: MAX_IN_FILTER_CHARS });
    const pages = await Promise.all(
      chunks.map((chunk) => this.searchProducts(ctx, [anyOf(field, chunk), anyOf('type_id', SELLABLE_TYPE_IDS)])),
    );
    const found = new Map<string, MagentoProduct | Error>();
    for (const item of pages.flat()) {
      const parsed = magentoProductSchema.safeParse(item);
      const key = keyOf(item, field);
      if (key === null) continue;
      found.set(key, parsed.success ? parsed.data : this.client.shapeError(`products (${field} ${key})`));
    }
    return found;
  }

  async searchProducts(ctx: UpstreamCallContext, filterGroups: readonly FilterGroup[]): Promise<unknown[]> {
    return searchAll(this.client, ctx, MagentoEndpoint.PRODUCTS.path, { filterGroups, sortOrders: [{ field: 'entity_id', direction: 'ASC' }] }, this.config.pageSize, MagentoEndpoint.PRODUCTS.operation);
  }

  /** Maps products to the standard model, resolving configurable parents and (without MSI) inline stock. */
  async toStandard(ctx: UpstreamCallContext, products: readonly MagentoProduct[]): Promise<StandardProduct[]> {
    const layout = await this.directory.layout(ctx);
    const needsParents = products.some((product) => product.visibility === VISIBILITY_NOT_VISIBLE_INDIVIDUALLY);
    const parents = needsParents ? await this.parentIndex.parents(ctx) : new Map<number, number>();
    return products.map((product) => {
      const parentId = parents.get(product.id);
      return mapProduct(product, {
        vendorId: this.config.id,
        currencyCode: this.config.currencyCode,
        barcodeAttributes: this.config.barcodeAttributes,
        parentNativeId: parentId === undefined ? null : String(parentId),
        inlineLegacyStock: layout.mode === 'legacy',
      });
    });
  }

  /**
   * MSI source items of many SKUs at ENABLED sources, keyed by lowercased SKU. Chunks hold
   * pageSize / sourceCount SKUs so each chunk's items (at most one per source, disabled sources
   * included: Magento still answers their items) fit in a single page.
   */
  async sourceItems(ctx: UpstreamCallContext, skus: readonly string[]): Promise<Map<string, MagentoSourceItem[]>> {
    const layout = await this.directory.layout(ctx);
    const perChunk = Math.max(1, Math.floor(this.config.pageSize / Math.max(1, layout.sourceNames.size + layout.disabledSources.size)));
    const unique = [...new Map(skus.map((sku) => [sku.toLowerCase(), sku])).values()];
    const chunks = chunkValues(unique, { maxValues: perChunk, maxEncodedChars: MAX_IN_FILTER_CHARS });
    const pages = await Promise.all(
      chunks.map((chunk) => searchAll(this.client, ctx, MagentoEndpoint.SOURCE_ITEMS.path, { filterGroups: [anyOf('sku', chunk)] }, this.config.pageSize, MagentoEndpoint.SOURCE_ITEMS.operation)),
    );
    const order = [...layout.sourceNames.keys()];
    const bySku = new Map<string, MagentoSourceItem[]>();
    for (const raw of pages.flat()) {
      const parsed = magentoSourceItemSchema.safeParse(raw);
      if (!parsed.success) throw this.client.shapeError(MagentoEndpoint.SOURCE_ITEMS.operation);
      if (layout.disabledSources.has(parsed.data.source_code)) continue;
      const key = parsed.data.sku.toLowerCase();
      bySku.set(key, [...(bySku.get(key) ?? []), parsed.data]);
    }
    for (const items of bySku.values()) items.sort((a, b) => rank(order, a.source_code) - rank(order, b.source_code));
    return bySku;
  }
}

function keyOf(item: unknown, field: LookupField): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const value = field === 'sku' ? (item as { sku?: unknown }).sku : (item as { id?: unknown }).id;
  return typeof value === 'string' || typeof value === 'number' ? String(value).toLowerCase() : null;
}

function rank(order: readonly string[], code: string): number {
  const index = order.indexOf(code);
  return index < 0 ? order.length : index;
}
