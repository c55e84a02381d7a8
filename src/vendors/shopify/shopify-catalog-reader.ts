import type { InventoryLevel, ProductFilter, StandardProduct } from '../../model/standard-model.ts';
import { CursorPagePrefetch } from '../cursor-page-prefetch.ts';
import type { ProductPage, ProductPageRequest, UpstreamCallContext } from '../vendor-source.ts';
import type { ShopifyClient, ShopifyOperation } from './shopify-client.ts';
import {
  COUNT_COST,
  ITEM_VARIANT_NODE_COST,
  LEVEL_NODE_COST,
  maxNodesWithin,
  MAX_PAGE_SIZE,
  SHOP_FACTS_COST,
  levelsBatchCapacity,
  levelsConnectionCost,
  planListing,
  variantPageCapacity,
  variantPageCost,
  variantsByIdsCapacity,
  variantsByIdsWithLevelsCapacity,
  VARIANT_NODE_COST,
} from './shopify-cost-plan.ts';
import {
  INVENTORY_ITEM_LEVELS_PAGE,
  INVENTORY_LEVELS_BY_ITEM_IDS,
  PRODUCT_VARIANTS_BY_IDS,
  PRODUCT_VARIANTS_BY_IDS_WITH_LEVELS,
  PRODUCT_VARIANTS_COUNT,
  PRODUCT_VARIANTS_PAGE,
  PRODUCT_VARIANTS_PAGE_WITH_LEVELS,
  SHOP_FACTS,
  VARIANTS_BY_INVENTORY_ITEM_IDS,
} from './shopify-documents.ts';
import { mapLevel, mapVariant } from './shopify-mapper.ts';
import {
  itemLevelsPageDataSchema,
  levelsByItemIdsDataSchema,
  shopFactsDataSchema,
  variantsByIdsDataSchema,
  variantsByItemIdsDataSchema,
  variantsCountDataSchema,
  variantsPageDataSchema,
  type ShopifyItemLevels,
  type ShopifyLevelNode,
  type ShopifyVariantNode,
} from './shopify-schemas.ts';
import { chunkSkuSearches, filterSearch, skuSearch } from './shopify-search-query.ts';
import { ShopFactsCache, type ShopFacts } from './shopify-shop-facts.ts';
import { LevelsPageSize } from './shopify-levels-page-size.ts';

const VARIANT_GID = /^gid:\/\/shopify\/ProductVariant\/\d+$/;
/** An InventoryItem GID names its variant's SKU too (the seed's `inventory_item_id`). */
export const INVENTORY_ITEM_GID = /^gid:\/\/shopify\/InventoryItem\/\d+$/;

const op = {
  shopFacts: { name: 'ShopFacts', document: SHOP_FACTS, data: shopFactsDataSchema },
  page: { name: 'ProductVariantsPage', document: PRODUCT_VARIANTS_PAGE, data: variantsPageDataSchema },
  pageWithLevels: { name: 'ProductVariantsPageWithLevels', document: PRODUCT_VARIANTS_PAGE_WITH_LEVELS, data: variantsPageDataSchema },
  byIds: { name: 'ProductVariantsByIds', document: PRODUCT_VARIANTS_BY_IDS, data: variantsByIdsDataSchema },
  byItemIds: { name: 'VariantsByInventoryItemIds', document: VARIANTS_BY_INVENTORY_ITEM_IDS, data: variantsByItemIdsDataSchema },
  byIdsWithLevels: { name: 'ProductVariantsByIdsWithLevels', document: PRODUCT_VARIANTS_BY_IDS_WITH_LEVELS, data: variantsByIdsDataSchema },
  count: { name: 'ProductVariantsCount', document: PRODUCT_VARIANTS_COUNT, data: variantsCountDataSchema },
  levels: { name: 'InventoryLevelsByItemIds', document: INVENTORY_LEVELS_BY_ITEM_IDS, data: levelsByItemIdsDataSchema },
  itemLevels: { name: 'InventoryItemLevelsPage', document: INVENTORY_ITEM_LEVELS_PAGE, data: itemLevelsPageDataSchema },
} satisfies Record<string, ShopifyOperation<unknown>>;

/**
 * Reads a shop's catalog through the Admin GraphQL API. Every lookup is batched to as few
 * requests as the API permits: a query may request at most 1000 cost points and 250 nodes, so
 * batch sizes come from shopify-cost-plan.ts. A listing that needs several cost-capped pages is
 * read with its pages in parallel once their boundary cursors are known (cursor-page-prefetch.ts);
 * every request still passes the policy's cost budget, which spaces them by the shop's bucket.
 */
export class ShopifyCatalogReader {
  private readonly vendorId: string;
  private readonly client: ShopifyClient;
  private readonly facts: ShopFactsCache;
  /** Remembered page boundaries: a listing read before is fetched with its pages in parallel. */
  private readonly pages = new CursorPagePrefetch();
  private readonly levelsPage = new LevelsPageSize();

  constructor(vendorId: string, client: ShopifyClient) {
    this.vendorId = vendorId;
    this.client = client;
    this.facts = new ShopFactsCache((ctx) => this.loadFacts(ctx));
  }

  async list(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage> {
    const facts = await this.facts.get(ctx);
    const first = Math.max(1, Math.min(MAX_PAGE_SIZE, request.first));
    const levelsFirst = this.levelsPage.levelsFirst(facts.locationCount);
    const plan = planListing(first, levelsFirst, request.includeInventoryLevels);
    const query = filterSearch(request.filter);
    const fetchPage = async (size: number, after: string | null) => {
      const data = plan.inline
        ? await this.client.execute(ctx, op.pageWithLevels, { first: size, after, query, levelsFirst }, { cost: variantPageCost(size, levelsFirst) })
        : await this.client.execute(ctx, op.page, { first: size, after, query }, { cost: variantPageCost(size, null) });
      const { hasNextPage, endCursor } = data.productVariants.pageInfo;
      return { nodes: data.productVariants.nodes, hasNextPage, endCursor: endCursor ?? null };
    };
    const listing = `${plan.inline ? `levels:${String(levelsFirst)}` : 'plain'}|${query ?? ''}`;
    const { nodes, endCursor, hasNextPage } = await this.pages.read(listing, request.after, first, plan.pageSize, fetchPage);
    if (plan.inline) await this.completeInlineLevels(ctx, nodes);
    let products = nodes.map((node) => mapVariant(this.vendorId, node, facts.currencyCode));
    if (request.includeInventoryLevels && !plan.inline) {
      const levels = await this.levels(ctx, products);
      products = products.map((product, index) => {
        const found = levels[index];
        return found instanceof Error || found === undefined ? product : { ...product, inventoryLevels: found };
      });
    }
    return { products, endCursor, hasNextPage };
  }

  async count(ctx: UpstreamCallContext, filter: ProductFilter): Promise<number> {
    const data = await this.client.execute(ctx, op.count, { query: filterSearch(filter) }, { cost: COUNT_COST });
    return data.productVariantsCount?.count ?? 0;
  }

  /** Variants by their GIDs, or by their InventoryItem GIDs (answered with the variant, whose `nativeId` differs from the key). */
  async byNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<ReadonlyArray<StandardProduct | null>> {
    const wanted = [...new Set(nativeIds.filter((id) => VARIANT_GID.test(id)))];
    const items = [...new Set(nativeIds.filter((id) => INVENTORY_ITEM_GID.test(id)))];
    const found = new Map<string, StandardProduct>();
    if (wanted.length > 0 || items.length > 0) {
      const facts = await this.facts.get(ctx);
      for (const ids of chunk(wanted, variantsByIdsCapacity())) {
        const data = await this.client.execute(ctx, op.byIds, { ids }, { cost: ids.length * VARIANT_NODE_COST });
        for (const node of data.nodes) if (node) found.set(node.id, mapVariant(this.vendorId, node, facts.currencyCode));
      }
      for (const ids of chunk(items, maxNodesWithin(ITEM_VARIANT_NODE_COST))) {
        const data = await this.client.execute(ctx, op.byItemIds, { ids }, { cost: ids.length * ITEM_VARIANT_NODE_COST });
        for (const node of data.nodes) if (node) found.set(node.id, mapVariant(this.vendorId, node.variant, facts.currencyCode));
      }
    }
    return nativeIds.map((id) => found.get(id) ?? null);
  }

  /**
   * Variants by ID with every level inline, in ⌈n / capacity⌉ queries (55 per query for 3
   * locations); the stock writer's prepare read. Not part of VendorSource: reads by ID usually do
   * not need levels, which would cut a query from 250 variants to 55.
   */
  async withLevels(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<Array<StandardProduct | null>> {
    const wanted = [...new Set(nativeIds.filter((id) => VARIANT_GID.test(id)))];
    const found = new Map<string, StandardProduct>();
    if (wanted.length > 0) {
      const facts = await this.facts.get(ctx);
      const levelsFirst = this.levelsPage.levelsFirst(facts.locationCount);
      for (const ids of chunk(wanted, variantsByIdsWithLevelsCapacity(levelsFirst))) {
        const data = await this.client.execute(ctx, op.byIdsWithLevels, { ids, levelsFirst }, { cost: ids.length * (VARIANT_NODE_COST + levelsConnectionCost(levelsFirst)) });
        const nodes = data.nodes.filter((node): node is ShopifyVariantNode => node !== null);
        await this.completeInlineLevels(ctx, nodes);
        for (const node of nodes) found.set(node.id, mapVariant(this.vendorId, node, facts.currencyCode));
      }
    }
    return nativeIds.map((id) => found.get(id) ?? null);
  }

  async bySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<ReadonlyArray<readonly StandardProduct[]>> {
    const wanted = [...new Set(skus.filter((sku) => sku.trim() !== ''))];
    const bySku = new Map<string, StandardProduct[]>();
    if (wanted.length > 0) {
      const facts = await this.facts.get(ctx);
      const capacity = variantPageCapacity();
      for (const group of chunkSkuSearches(wanted, capacity)) {
        const query = skuSearch(group);
        let after: string | null = null;
        let size = group.length;
        for (;;) {
          const data: { productVariants: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; nodes: ShopifyVariantNode[] } } =
            await this.client.execute(ctx, op.page, { first: size, after, query }, { cost: variantPageCost(size, null) });
          for (const node of data.productVariants.nodes) {
            const product = mapVariant(this.vendorId, node, facts.currencyCode);
            if (product.sku !== null) bySku.set(product.sku, [...(bySku.get(product.sku) ?? []), product]);
          }
          // More variants than SKUs: some SKU is carried by several variants.
          // `endCursor` is nullable in the schema; without it the next page cannot be asked for.
          if (!data.productVariants.pageInfo.hasNextPage || !data.productVariants.pageInfo.endCursor) break;
          after = data.productVariants.pageInfo.endCursor;
          size = capacity;
        }
      }
    }
    return skus.map((sku) => bySku.get(sku) ?? []);
  }

  async levels(ctx: UpstreamCallContext, products: readonly StandardProduct[]): Promise<ReadonlyArray<readonly InventoryLevel[]>> {
    const refs = [...new Set(products.map((product) => product.inventoryRef))];
    const byItem = new Map<string, ShopifyLevelNode[]>();
    if (refs.length > 0) {
      const facts = await this.facts.get(ctx);
      const levelsFirst = this.levelsPage.levelsFirst(facts.locationCount);
      for (const ids of chunk(refs, levelsBatchCapacity(levelsFirst))) {
        const data = await this.client.execute(ctx, op.levels, { ids, levelsFirst }, { cost: ids.length * (1 + levelsConnectionCost(levelsFirst)) });
        for (const item of data.nodes) if (item) byItem.set(item.id, await this.allLevels(ctx, item));
      }
    }
    return products.map((product) =>
      (byItem.get(product.inventoryRef) ?? []).map((level) => mapLevel(this.vendorId, product, level)));
  }

  private async loadFacts(ctx: UpstreamCallContext): Promise<ShopFacts> {
    const data = await this.client.execute(ctx, op.shopFacts, {}, { cost: SHOP_FACTS_COST });
    return { currencyCode: data.shop.currencyCode, locationCount: data.locationsCount?.count ?? null };
  }

  /** Items stocked at more locations than the query asked for get their remaining levels. */
  private async completeInlineLevels(ctx: UpstreamCallContext, nodes: ShopifyVariantNode[]): Promise<void> {
    for (const [index, node] of nodes.entries()) {
      const connection = node.inventoryItem.inventoryLevels;
      if (!connection?.pageInfo.hasNextPage) {
        if (connection) this.levelsPage.observe(connection.nodes.length);
        continue;
      }
      const levels = await this.allLevels(ctx, { id: node.inventoryItem.id, inventoryLevels: connection });
      nodes[index] = { ...node, inventoryItem: { ...node.inventoryItem, inventoryLevels: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: levels } } };
    }
  }

  private async allLevels(ctx: UpstreamCallContext, item: ShopifyItemLevels): Promise<ShopifyLevelNode[]> {
    const levels = [...item.inventoryLevels.nodes];
    let pageInfo = item.inventoryLevels.pageInfo;
    if (pageInfo.hasNextPage) this.facts.invalidate(); // the shop has more locations than we planned for
    // `endCursor` is nullable in the schema: without it the rest cannot be asked for (never restart from null).
    while (pageInfo.hasNextPage && pageInfo.endCursor) {
      const first = maxNodesWithin(LEVEL_NODE_COST, 1 + levelsConnectionCost(0));
      const data = await this.client.execute(ctx, op.itemLevels, { id: item.id, first, after: pageInfo.endCursor }, { cost: 1 + levelsConnectionCost(first) });
      if (!data.inventoryItem) break;
      levels.push(...data.inventoryItem.inventoryLevels.nodes);
      pageInfo = data.inventoryItem.inventoryLevels.pageInfo;
    }
    this.levelsPage.observe(levels.length);
    return levels;
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
