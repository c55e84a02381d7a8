import { stockLocation } from '../../model/global-id.ts';
import { Platform } from '../../model/platform.ts';
import type { MagentoVendorConfig } from '../../config/vendors/magento-config.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { VendorSource } from '../vendor-source.ts';
import { MagentoCatalogReader } from './magento-catalog-reader.ts';
import { MagentoClient } from './magento-client.ts';
import { MagentoListing } from './magento-listing.ts';
import { magentoOrderLines } from './magento-orders.ts';
import { MagentoParentIndex } from './magento-parent-index.ts';
import { MagentoStockDirectory } from './magento-stock-directory.ts';
import { MagentoStockWriter } from './magento-stock-writer.ts';

/** How long the source directory (MSI or not, source names) and the configurable-parent index are reused. */
const CATALOG_SHAPE_TTL_MS = 10 * 60 * 1000;

export interface MagentoSourceOptions {
  /** Epoch-ms clock for token expiry and caches (tests inject a fake one). */
  readonly clock?: () => number;
}

/** The Magento source plus `close()` for the keep-alive pool (start-up owns its lifetime). */
export interface MagentoVendorSource extends VendorSource {
  close(): Promise<void>;
}

/**
 * Builds the Magento 2 / Adobe Commerce vendor source over the REST API. Sellable SKUs are simple
 * and virtual products; configurable parents only name the group (`parentNativeId`). The catalog
 * reader batches keys into `in` filters, the listing uses a keyset cursor on entity_id, and stock
 * is MSI source items (one level per source) or, on stores without MSI, the legacy stock item.
 */
export function createMagentoSource(config: MagentoVendorConfig, deps: VendorDeps, options: MagentoSourceOptions = {}): MagentoVendorSource {
  const clock = options.clock ?? Date.now;
  const client = new MagentoClient(config, deps, { clock });
  const directory = new MagentoStockDirectory(client, { mode: config.inventoryMode, pageSize: config.pageSize, ttlMs: CATALOG_SHAPE_TTL_MS, clock });
  const parents = new MagentoParentIndex(client, { pageSize: config.pageSize, ttlMs: CATALOG_SHAPE_TTL_MS, clock });
  const reader = new MagentoCatalogReader(client, config, directory, parents);
  const listing = new MagentoListing(client, config, reader);
  return {
    info: { id: config.id, name: config.name, platform: Platform.MAGENTO },
    limits: { maxPageSize: config.pageSize, maxBatchSize: config.pageSize },
    listProducts: (ctx, request) => listing.list(ctx, request),
    countProducts: (ctx, filter) => listing.count(ctx, filter),
    productsByNativeIds: (ctx, nativeIds) => reader.byNativeIds(ctx, nativeIds),
    productsBySkus: (ctx, skus) => reader.bySkus(ctx, skus),
    inventoryLevels: (ctx, products) => reader.levels(ctx, products),
    // MSI sources from GET /V1/inventory/sources (the directory's read), or the legacy stock's one.
    locations: async (ctx) => (await directory.layout(ctx)).sources.map((source) => stockLocation(config.id, source.code, source.name, source.enabled)),
    stockWrites: new MagentoStockWriter(client, config, directory, reader),
    orderLines: (ctx, request) => magentoOrderLines(client, config.pageSize, ctx, request),
    close: () => client.close(),
  };
}
