import DataLoader from 'dataloader';
import { CacheKey, CacheTag } from '../cache/cache-keys.ts';
import { CacheName, readThrough, type ReadThroughObserver, type ReadThroughSpec } from '../cache/read-through.ts';
import { productGlobalId } from '../model/global-id.ts';
import type { InventoryLevel, StandardProduct, StockLocation } from '../model/standard-model.ts';
import type { GatewayServices } from './gateway-services.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import type { UpstreamCallContext, VendorSource } from '../vendors/vendor-source.ts';

/** The DataLoaders of one vendor for one request. */
export interface VendorLoaders {
  /** By the vendor's native ID; null when the vendor has no such SKU. */
  readonly productByNativeId: DataLoader<string, StandardProduct | null>;
  /** By SKU code; every match at this vendor. */
  readonly productsBySku: DataLoader<string, readonly StandardProduct[]>;
  /** Levels of a product, keyed by its global ID. */
  readonly inventoryLevels: DataLoader<StandardProduct, readonly InventoryLevel[], string>;
  /**
   * The vendor's locations (one key: the vendor id). Every level's `location` of one response
   * shares this one load, and the shared cache keeps the list for `cache.locationsTtlMs`, so
   * 100 levels cost at most one upstream read per vendor, and usually none.
   */
  readonly locations: DataLoader<string, readonly StockLocation[]>;
}

/** What the loaders need from the request: the call context for sources, and the shared cache. */
export interface LoaderContext extends UpstreamCallContext {
  readonly services: Pick<GatewayServices, 'cache' | 'metrics' | 'config'>;
}

/**
 * Per-request loaders, created lazily per vendor. Every load in one tick becomes one call to the
 * source's batch method; the source splits it into as few upstream requests as the vendor allows.
 *
 * Two caches, on purpose: each DataLoader's own cache lives for one request (same key, same
 * answer within a response), and below it the shared short-TTL read cache (services.cache)
 * answers keys other requests read moments ago. A batch asks the shared cache first and sends
 * only the missing keys to the vendor, in one call.
 */
export class RequestLoaders {
  private readonly byVendor = new Map<string, VendorLoaders>();
  private readonly registry: VendorRegistry;
  private readonly context: () => LoaderContext;

  constructor(registry: VendorRegistry, context: () => LoaderContext) {
    this.registry = registry;
    this.context = context;
  }

  forVendor(vendorId: string): VendorLoaders {
    let loaders = this.byVendor.get(vendorId);
    if (!loaders) {
      loaders = createVendorLoaders(this.registry.get(vendorId), this.context);
      this.byVendor.set(vendorId, loaders);
    }
    return loaders;
  }

  /** Makes products already fetched (by a listing or a SKU lookup) answer later ID lookups for free. */
  prime(products: readonly StandardProduct[]): void {
    for (const product of products) {
      this.forVendor(product.vendorId).productByNativeId.prime(product.nativeId, product);
    }
  }
}

function createVendorLoaders(source: VendorSource, context: () => LoaderContext): VendorLoaders {
  const vendorId = source.info.id;
  const through = <K, V>(
    spec: ReadThroughSpec<K, V>,
    load: (ctx: LoaderContext, keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
  ) => {
    return (keys: readonly K[]) => {
      const ctx = context();
      return readThrough(ctx.services.cache, spec, keys, (misses) => load(ctx, misses), cacheObserver(ctx));
    };
  };
  return {
    productByNativeId: new DataLoader(
      through<string, StandardProduct | null>(
        {
          name: CacheName.PRODUCT,
          keyOf: (nativeId) => CacheKey.product(productGlobalId(vendorId, nativeId)),
          // An unknown ID is not remembered: a SKU created a moment later must be found.
          cacheable: (product) => product !== null,
        },
        (ctx, ids) => source.productsByNativeIds(ctx, ids),
      ),
    ),
    productsBySku: new DataLoader(
      through<string, readonly StandardProduct[]>(
        {
          name: CacheName.SKU,
          keyOf: (sku) => CacheKey.sku(vendorId, sku),
          cacheable: (products) => products.length > 0,
          tagsOf: (products) => products.map((product) => CacheTag.product(product.id)),
        },
        (ctx, skus) => source.productsBySkus(ctx, skus),
      ),
    ),
    inventoryLevels: new DataLoader(
      through<StandardProduct, readonly InventoryLevel[]>(
        { name: CacheName.LEVELS, keyOf: (product) => CacheKey.levels(product.id), cacheable: () => true },
        (ctx, products) => source.inventoryLevels(ctx, products),
      ),
      { cacheKeyFn: (product) => product.id },
    ),
    locations: new DataLoader(
      through<string, readonly StockLocation[]>(
        {
          name: CacheName.LOCATIONS,
          keyOf: CacheKey.locations,
          cacheable: () => true,
          ttlMs: context().services.config.cache.locationsTtlMs,
        },
        async (ctx, vendorIds) => {
          const locations = source.locations ? await source.locations(ctx) : [];
          return vendorIds.map(() => locations);
        },
      ),
    ),
  };
}

/** Cache lookups counted in stockgraph_cache_requests_total; a failing cache logged on the request's logger. */
export function cacheObserver(ctx: LoaderContext): ReadThroughObserver {
  return {
    lookups: (name, result, count) => ctx.services.metrics.cacheRequests.inc({ cache: name, result }, count),
    cacheFailed: (name, error) => ctx.logger.warn({ cache: name, err: error }, 'read cache failed; reading from the vendor'),
  };
}
