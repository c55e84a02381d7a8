import { stockLocation } from '../../model/global-id.ts';
import type { InventoryLevel, ProductFilter, StandardProduct, StockLocation } from '../../model/standard-model.ts';
import { Platform } from '../../model/platform.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type {
  OrderLinesPage,
  OrderLinesRequest,
  ProductPage,
  ProductPageRequest,
  UpstreamCallContext,
  VendorSource,
} from '../vendor-source.ts';
import { KeyedMutex } from '../stock-writes/keyed-mutex.ts';
import { WooCatalogReader } from './woocommerce-catalog-reader.ts';
import { WooCommerceClient } from './woocommerce-client.ts';
import type { WooCommerceVendorConfig } from '../../config/vendors/woocommerce-config.ts';
import { WOO_MAX_BATCH, WOO_MAX_PER_PAGE } from './woocommerce-endpoints.ts';
import { WooListing, variationLanes } from './woocommerce-listing.ts';
import { resolveResilience } from '../../resilience/platform-defaults.ts';
import { wooOrderLines } from './woocommerce-orders.ts';
import { WOO_LOCATION_ID, type WooMappingContext } from './woocommerce-mapper.ts';
import { WooStockWriter } from './woocommerce-stock-writer.ts';

/** The WooCommerce source plus `close()` for the keep-alive pool (start-up owns its lifetime). */
export interface WooCommerceSource extends VendorSource {
  close(): Promise<void>;
}

/**
 * Builds the WooCommerce vendor source (REST API v3). Native IDs: "<productId>" for a simple
 * product, "<parentId>:<variationId>" for a variation. Levels come inline with every product
 * payload (`stock_quantity`), so `inventoryLevels` normally answers without a request.
 */
export function createWooCommerceSource(config: WooCommerceVendorConfig, deps: VendorDeps): WooCommerceSource {
  const mapping: WooMappingContext = { vendorId: config.id, currencyCode: config.currencyCode, locationName: config.locationName ?? config.name };
  const client = new WooCommerceClient(config, deps);
  const reader = new WooCatalogReader(client, mapping);
  // Variation lists of one page are read as many at a time as the vendor's bulkhead lets through.
  const listing = new WooListing(client, reader, mapping, variationLanes(resolveResilience('woocommerce', config.resilience).bulkhead.maxConcurrent));
  const writer = new WooStockWriter(client, mapping, new KeyedMutex());

  return {
    info: { id: config.id, name: config.name, platform: Platform.WOOCOMMERCE },
    limits: { maxPageSize: WOO_MAX_PER_PAGE, maxBatchSize: WOO_MAX_BATCH },

    listProducts(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage> {
      return listing.list(ctx, request);
    },

    countProducts(ctx: UpstreamCallContext, filter: ProductFilter): Promise<number> {
      return listing.count(ctx, filter);
    },

    productsByNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<Array<StandardProduct | null>> {
      return reader.byNativeIds(ctx, nativeIds);
    },

    productsBySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<StandardProduct[][]> {
      return reader.bySkus(ctx, skus);
    },

    async inventoryLevels(ctx: UpstreamCallContext, products: readonly StandardProduct[]): Promise<ReadonlyArray<readonly InventoryLevel[] | Error>> {
      const missing = products.filter((product) => product.inventoryLevels === undefined).map((product) => product.nativeId);
      const fetched = missing.length > 0 ? await reader.byNativeIds(ctx, missing) : [];
      const byNativeId = new Map(fetched.flatMap((product) => (product ? [[product.nativeId, product] as const] : [])));
      return products.map((product) => product.inventoryLevels ?? byNativeId.get(product.nativeId)?.inventoryLevels ?? []);
    },

    /** WooCommerce core keeps one stock quantity per item: one location per site, named after the vendor. No request. */
    locations(): Promise<readonly StockLocation[]> {
      return Promise.resolve([stockLocation(config.id, WOO_LOCATION_ID, mapping.locationName, true)]);
    },

    stockWrites: writer,

    orderLines(ctx: UpstreamCallContext, request: OrderLinesRequest): Promise<OrderLinesPage> {
      return wooOrderLines(client, config.id, ctx, request);
    },

    close: () => client.close(),
  };
}
