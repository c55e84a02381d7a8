import { badUserInput } from '../../errors/gateway-error.ts';
import { Platform } from '../../model/platform.ts';
import { ProductStatus, type InventoryLevel, type ProductFilter, type StandardProduct, type VendorInfo } from '../../model/standard-model.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type {
  OrderLinesPage,
  OrderLinesRequest,
  ProductPage,
  ProductPageRequest,
  StockWritePlanner,
  UpstreamCallContext,
  VendorLimits,
  VendorSource,
} from '../vendor-source.ts';
import { MagentoCatalogReader } from './magento-catalog-reader.ts';
import { MagentoClient } from './magento-client.ts';
import type { MagentoVendorConfig } from '../../config/vendors/magento-config.ts';
import { MagentoEndpoint } from './magento-endpoints.ts';
import { MagentoStockWriter } from './magento-stock-writer.ts';
import { isoToMagentoTimestamp, mapSourceItemLevels, MagentoProductStatus, SELLABLE_TYPE_IDS } from './magento-mapper.ts';
import { MagentoParentIndex } from './magento-parent-index.ts';
import { magentoOrderLines } from './magento-orders.ts';
import { magentoProductSchema, type MagentoProduct } from './magento-schemas.ts';
import { anyOf, ConditionType, filter, type FilterGroup } from './magento-search-criteria.ts';
import { MagentoStockDirectory } from './magento-stock-directory.ts';

/** How long the source directory (MSI or not, source names) and the configurable-parent index are reused. */
const CATALOG_SHAPE_TTL_MS = 10 * 60 * 1000;

export interface MagentoSourceOptions {
  /** Epoch-ms clock for token expiry and caches (tests inject a fake one). */
  readonly clock?: () => number;
}

/** Builds the Magento 2 / Adobe Commerce vendor source over the REST API. */
export function createMagentoSource(config: MagentoVendorConfig, deps: VendorDeps, options: MagentoSourceOptions = {}): MagentoVendorSource {
  return new MagentoVendorSource(config, deps, options);
}

/**
 * A Magento store as a VendorSource. Sellable SKUs are simple and virtual products; configurable
 * parents only name the group (`parentNativeId`). Lookups batch keys into `in` filters, listing
 * uses a keyset cursor on entity_id, and stock is MSI source items (one level per source) or,
 * on stores without MSI, the legacy stock item.
 */
export class MagentoVendorSource implements VendorSource {
  readonly info: VendorInfo;
  readonly limits: VendorLimits;
  private readonly config: MagentoVendorConfig;
  private readonly client: MagentoClient;
  private readonly directory: MagentoStockDirectory;
  private readonly reader: MagentoCatalogReader;
  private readonly writer: MagentoStockWriter;

  constructor(config: MagentoVendorConfig, deps: VendorDeps, options: MagentoSourceOptions = {}) {
    const clock = options.clock ?? Date.now;
    this.config = config;
    this.info = { id: config.id, name: config.name, platform: Platform.MAGENTO };
    this.limits = { maxPageSize: config.pageSize, maxBatchSize: config.pageSize };
    this.client = new MagentoClient(config, deps, { clock });
    this.directory = new MagentoStockDirectory(this.client, { mode: config.inventoryMode, pageSize: config.pageSize, ttlMs: CATALOG_SHAPE_TTL_MS, clock });
    const parents = new MagentoParentIndex(this.client, { pageSize: config.pageSize, ttlMs: CATALOG_SHAPE_TTL_MS, clock });
    this.reader = new MagentoCatalogReader(this.client, config, this.directory, parents);
    this.writer = new MagentoStockWriter(this.client, config, this.directory, this.reader);
  }

  /**
   * One request per page: `entity_id > cursor` ordered by entity_id (a keyset cursor, so inserts
   * and deletes between pages neither repeat nor skip SKUs, unlike currentPage offsets), and
   * `total_count` of that query says whether more follow. With levels requested, one more
   * request fetches the page's source items.
   */
  async listProducts(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage> {
    const groups = this.filterGroups(request.filter);
    if (groups === null) return { products: [], endCursor: null, hasNextPage: false };
    const first = Math.min(Math.max(1, request.first), this.config.pageSize);
    const after = request.after === null ? null : decodeCursor(request.after);
    if (after !== null) groups.push([filter('entity_id', ConditionType.GT, after)]);
    const page = await this.client.search(ctx, MagentoEndpoint.PRODUCTS.path, { filterGroups: groups, sortOrders: [{ field: 'entity_id', direction: 'ASC' }], pageSize: first, currentPage: 1 }, MagentoEndpoint.PRODUCTS.operation);
    const raw = page.items.map((item) => magentoProductSchema.safeParse(item));
    const bad = raw.find((r) => !r.success);
    if (bad) throw this.client.shapeError(MagentoEndpoint.PRODUCTS.operation);
    const products = await this.reader.toStandard(ctx, raw.flatMap((r) => (r.success ? [r.data] : [])));
    const withLevels = request.includeInventoryLevels ? await this.attachLevels(ctx, products) : products;
    const last = withLevels[withLevels.length - 1];
    return { products: withLevels, endCursor: last ? encodeCursor(last.nativeId) : null, hasNextPage: page.totalCount > page.items.length };
  }

  /** `total_count` of the same search with pageSize=1: one request. */
  async countProducts(ctx: UpstreamCallContext, productFilter: ProductFilter): Promise<number> {
    const groups = this.filterGroups(productFilter);
    if (groups === null) return 0;
    const page = await this.client.search(ctx, MagentoEndpoint.PRODUCTS.path, { filterGroups: groups, pageSize: 1, currentPage: 1 }, MagentoEndpoint.PRODUCTS.operation);
    return page.totalCount;
  }

  async productsByNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<ReadonlyArray<StandardProduct | null | Error>> {
    const numeric = nativeIds.filter((id) => /^\d+$/.test(id));
    const found = numeric.length > 0 ? await this.reader.productsWhere(ctx, 'entity_id', numeric) : new Map<string, MagentoProduct | Error>();
    const mapped = await this.mapFound(ctx, found);
    return nativeIds.map((id) => mapped.get(id.toLowerCase()) ?? null);
  }

  async productsBySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<ReadonlyArray<readonly StandardProduct[] | Error>> {
    const found = skus.length > 0 ? await this.reader.productsWhere(ctx, 'sku', skus) : new Map<string, MagentoProduct | Error>();
    const mapped = await this.mapFound(ctx, found);
    return skus.map((sku) => {
      const product = mapped.get(sku.toLowerCase());
      return product instanceof Error ? product : product ? [product] : [];
    });
  }

  async inventoryLevels(ctx: UpstreamCallContext, products: readonly StandardProduct[]): Promise<ReadonlyArray<readonly InventoryLevel[] | Error>> {
    const layout = await this.directory.layout(ctx);
    if (layout.mode === 'legacy') {
      const missing = products.filter((p) => p.inventoryLevels === undefined);
      const refetched = missing.length > 0 ? await this.productsBySkus(ctx, missing.map((p) => p.inventoryRef)) : [];
      const levels = new Map(refetched.flatMap((r) => (r instanceof Error ? [] : r)).map((p) => [p.inventoryRef.toLowerCase(), p.inventoryLevels ?? []]));
      return products.map((p) => p.inventoryLevels ?? levels.get(p.inventoryRef.toLowerCase()) ?? []);
    }
    const items = await this.reader.sourceItems(ctx, products.map((p) => p.inventoryRef));
    return products.map((p) => mapSourceItemLevels(this.config.id, p, items.get(p.inventoryRef.toLowerCase()) ?? [], layout.sourceNames));
  }

  get stockWrites(): StockWritePlanner {
    return this.writer;
  }

  orderLines(ctx: UpstreamCallContext, request: OrderLinesRequest): Promise<OrderLinesPage> {
    return magentoOrderLines(this.client, this.config.pageSize, ctx, request);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async mapFound(ctx: UpstreamCallContext, found: ReadonlyMap<string, MagentoProduct | Error>): Promise<Map<string, StandardProduct | Error>> {
    const good = [...found.entries()].filter((entry): entry is [string, MagentoProduct] => !(entry[1] instanceof Error));
    const mapped = await this.reader.toStandard(ctx, good.map(([, product]) => product));
    const out = new Map<string, StandardProduct | Error>([...found.entries()].filter((entry): entry is [string, Error] => entry[1] instanceof Error));
    good.forEach(([key], i) => {
      const product = mapped[i];
      if (product) out.set(key, product);
    });
    return out;
  }

  private async attachLevels(ctx: UpstreamCallContext, products: StandardProduct[]): Promise<StandardProduct[]> {
    if (products.length === 0 || products.every((p) => p.inventoryLevels !== undefined)) return products;
    const levels = await this.inventoryLevels(ctx, products);
    return products.map((p, i) => {
      const level = levels[i];
      return level instanceof Error || level === undefined ? p : { ...p, inventoryLevels: level };
    });
  }

  /** The ANDed filter groups for a product filter; null when nothing can match (Magento has no archived status). */
  private filterGroups(productFilter: ProductFilter): FilterGroup[] | null {
    const groups: FilterGroup[] = [anyOf('type_id', SELLABLE_TYPE_IDS)];
    if (productFilter.status === ProductStatus.ARCHIVED) return null;
    if (productFilter.status) {
      groups.push([filter('status', ConditionType.EQ, productFilter.status === ProductStatus.DRAFT ? MagentoProductStatus.DISABLED : MagentoProductStatus.ENABLED)]);
    }
    if (productFilter.updatedSince) {
      const since = isoToMagentoTimestamp(productFilter.updatedSince);
      if (since === null) throw badUserInput(`"updatedSince" is not a date-time: ${JSON.stringify(productFilter.updatedSince)}`, 'filter.updatedSince');
      groups.push([filter('updated_at', ConditionType.GTEQ, since)]);
    }
    const query = productFilter.query?.trim();
    if (query) groups.push([filter('name', ConditionType.LIKE, `%${query}%`), filter('sku', ConditionType.LIKE, `%${query}%`)]);
    return groups;
  }
}

/** Cursors are opaque to callers: base64url of "e:<last entity_id>". */
function encodeCursor(entityId: string): string {
  return Buffer.from(`e:${entityId}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^e:(\d+)$/.exec(text);
  if (!match?.[1]) throw badUserInput(`"after" is not a cursor of this vendor: ${JSON.stringify(cursor)}`, 'after');
  return match[1];
}
