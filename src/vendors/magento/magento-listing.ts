import { badUserInput } from '../../errors/gateway-error.ts';
import { ProductStatus, type ProductFilter, type StandardProduct } from '../../model/standard-model.ts';
import type { MagentoVendorConfig } from '../../config/vendors/magento-config.ts';
import type { ProductPage, ProductPageRequest, UpstreamCallContext } from '../vendor-source.ts';
import type { MagentoCatalogReader } from './magento-catalog-reader.ts';
import type { MagentoClient } from './magento-client.ts';
import { MagentoEndpoint } from './magento-endpoints.ts';
import { isoToMagentoTimestamp, MagentoProductStatus, SELLABLE_TYPE_IDS } from './magento-mapper.ts';
import { magentoProductSchema } from './magento-schemas.ts';
import { anyOf, ConditionType, filter, type FilterGroup } from './magento-search-criteria.ts';

/** Pages of a Magento catalog: a keyset cursor on entity_id, filters as searchCriteria groups. */
export class MagentoListing {
  private readonly client: MagentoClient;
  private readonly config: MagentoVendorConfig;
  private readonly reader: MagentoCatalogReader;

  constructor(client: MagentoClient, config: MagentoVendorConfig, reader: MagentoCatalogReader) {
    this.client = client;
    this.config = config;
    this.reader = reader;
  }

  /**
   * One request per page: `entity_id > cursor` ordered by entity_id (a keyset cursor, so inserts
   * and deletes between pages neither repeat nor skip SKUs, unlike currentPage offsets), and
   * `total_count` of that query says whether more follow. With levels requested, one more
   * request fetches the page's source items.
   */
  async list(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage> {
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
  async count(ctx: UpstreamCallContext, productFilter: ProductFilter): Promise<number> {
    const groups = this.filterGroups(productFilter);
    if (groups === null) return 0;
    const page = await this.client.search(ctx, MagentoEndpoint.PRODUCTS.path, { filterGroups: groups, pageSize: 1, currentPage: 1 }, MagentoEndpoint.PRODUCTS.operation);
    return page.totalCount;
  }

  private async attachLevels(ctx: UpstreamCallContext, products: StandardProduct[]): Promise<StandardProduct[]> {
    if (products.length === 0 || products.every((p) => p.inventoryLevels !== undefined)) return products;
    const levels = await this.reader.levels(ctx, products);
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
