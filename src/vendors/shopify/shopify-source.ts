import { Platform } from '../../model/platform.ts';
import type { ShopifyVendorConfig } from '../../config/vendors/shopify-config.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { InventoryLevel, StandardProduct } from '../../model/standard-model.ts';
import type { UpstreamCallContext, VendorSource } from '../vendor-source.ts';
import { INVENTORY_ITEM_GID, ShopifyCatalogReader } from './shopify-catalog-reader.ts';
import { readShopifyLocations } from './shopify-locations.ts';
import { ShopifyClient, type ShopifyClientHooks } from './shopify-client.ts';
import { MAX_PAGE_SIZE } from './shopify-cost-plan.ts';
import { ShopifyOrders } from './shopify-orders.ts';
import { ShopifyStockWriter } from './shopify-stock-writer.ts';

/**
 * The Shopify source, its client (tests read the throttle status) and `close()` for the pool.
 * Shopify fails a lookup as a whole or not at all, so its batch answers hold no per-key Error.
 */
export interface ShopifySource extends VendorSource {
  readonly client: ShopifyClient;
  productsByNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<ReadonlyArray<StandardProduct | null>>;
  productsBySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<ReadonlyArray<readonly StandardProduct[]>>;
  inventoryLevels(ctx: UpstreamCallContext, products: readonly StandardProduct[]): Promise<ReadonlyArray<readonly InventoryLevel[]>>;
  /** Variants with their levels inline, in one query (the stock writer's prepare read). */
  productsWithLevels(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<Array<StandardProduct | null>>;
  close(): Promise<void>;
}

/**
 * Builds the Shopify vendor source (Admin GraphQL API): the catalog reader answers the reads, the
 * stock writer the writes (its prepare read is the reader's variants-with-levels query), and the
 * orders reader the demand history.
 */
export function createShopifySource(config: ShopifyVendorConfig, deps: VendorDeps, hooks: ShopifyClientHooks = {}): ShopifySource {
  const client = new ShopifyClient(config, deps, hooks);
  const reader = new ShopifyCatalogReader(config.id, client);
  const orders = new ShopifyOrders(client);
  return {
    info: { id: config.id, name: config.name, platform: Platform.SHOPIFY },
    limits: { maxPageSize: MAX_PAGE_SIZE, maxBatchSize: MAX_PAGE_SIZE },
    client,
    listProducts: (ctx, request) => reader.list(ctx, request),
    countProducts: (ctx, filter) => reader.count(ctx, filter),
    productsByNativeIds: (ctx, nativeIds) => reader.byNativeIds(ctx, nativeIds),
    productsBySkus: (ctx, skus) => reader.bySkus(ctx, skus),
    inventoryLevels: (ctx, products) => reader.levels(ctx, products),
    locations: (ctx) => readShopifyLocations(config.id, client, ctx),
    isProductAlias: (nativeId) => INVENTORY_ITEM_GID.test(nativeId),
    productsWithLevels: (ctx, nativeIds) => reader.withLevels(ctx, nativeIds),
    stockWrites: new ShopifyStockWriter(client, (ctx, nativeIds) => reader.withLevels(ctx, nativeIds)),
    orderLines: (ctx, request) => orders.page(ctx, request),
    close: () => client.close(),
  };
}
