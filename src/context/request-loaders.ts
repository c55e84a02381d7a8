import DataLoader from 'dataloader';
import type { InventoryLevel, StandardProduct } from '../model/standard-model.ts';
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
}

/**
 * Per-request loaders, created lazily per vendor. Every load in one tick becomes one call to the
 * source's batch method; the source splits it into as few upstream requests as the vendor allows.
 */
export class RequestLoaders {
  private readonly byVendor = new Map<string, VendorLoaders>();
  private readonly registry: VendorRegistry;
  private readonly callContext: () => UpstreamCallContext;

  constructor(registry: VendorRegistry, callContext: () => UpstreamCallContext) {
    this.registry = registry;
    this.callContext = callContext;
  }

  forVendor(vendorId: string): VendorLoaders {
    let loaders = this.byVendor.get(vendorId);
    if (!loaders) {
      loaders = createVendorLoaders(this.registry.get(vendorId), this.callContext);
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

function createVendorLoaders(source: VendorSource, callContext: () => UpstreamCallContext): VendorLoaders {
  return {
    productByNativeId: new DataLoader((ids) => source.productsByNativeIds(callContext(), ids)),
    productsBySku: new DataLoader((skus) => source.productsBySkus(callContext(), skus)),
    inventoryLevels: new DataLoader((products) => source.inventoryLevels(callContext(), products), {
      cacheKeyFn: (product) => product.id,
    }),
  };
}
