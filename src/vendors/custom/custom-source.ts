import { Platform } from '../../model/platform.ts';
import type { CustomVendorConfig } from '../../config/vendors/custom/custom-config.ts';
import type { VendorDeps } from '../vendor-deps.ts';
import type { OrderLinesRequest, UpstreamCallContext, VendorSource } from '../vendor-source.ts';
import { CustomCatalogReader } from './custom-catalog-reader.ts';
import { CustomClient } from './custom-client.ts';
import { customLocationsReader } from './custom-locations.ts';
import { CustomLookup } from './custom-lookup.ts';
import { customOrderLines } from './custom-orders.ts';
import { CustomPaginator } from './custom-pagination.ts';
import { CustomStockWriter } from './custom-stock-writer.ts';

/**
 * Builds a custom vendor's source from its validated config: everything it does comes from
 * `mapping`. The catalog reader answers the reads, the stock writer the writes, and the
 * mapping's optional `orders` section the demand history.
 */
export function createCustomSource(config: CustomVendorConfig, deps: VendorDeps): VendorSource {
  const mapping = config.mapping;
  const client = new CustomClient(config, deps);
  const lookup = new CustomLookup(client, mapping.fields);
  const reader = new CustomCatalogReader(config.id, mapping, new CustomPaginator(client, mapping.list), lookup);
  const byIds = mapping.lookup.byIds;
  const orders = mapping.orders;
  const locations = customLocationsReader(config.id, client, mapping);
  return {
    info: { id: config.id, name: config.name, platform: Platform.CUSTOM },
    limits: { maxPageSize: mapping.list.pageSize.max, maxBatchSize: byIds.mode === 'batch' ? byIds.maxPerRequest : 1 },
    listProducts: (ctx, request) => reader.list(ctx, request),
    countProducts: (ctx, filter) => reader.count(ctx, filter),
    productsByNativeIds: (ctx, nativeIds) => reader.byNativeIds(ctx, nativeIds),
    productsBySkus: (ctx, skus) => reader.bySkus(ctx, skus),
    inventoryLevels: (ctx, products) => reader.levels(ctx, products),
    ...(locations ? { locations } : {}),
    stockWrites: new CustomStockWriter(client, lookup, mapping, config.name),
    ...(orders ? { orderLines: (ctx: UpstreamCallContext, request: OrderLinesRequest) => customOrderLines(client, orders, ctx, request) } : {}),
  };
}
