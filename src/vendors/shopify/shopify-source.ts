import type { VendorDeps } from '../vendor-deps.ts';
import type { VendorSource } from '../vendor-source.ts';
import type { ShopifyVendorConfig } from './shopify-config.ts';

/** Builds the Shopify vendor source. (Placeholder until the Shopify data source lands.) */
export function createShopifySource(config: ShopifyVendorConfig, _deps: VendorDeps): VendorSource {
  throw new Error(`vendor "${config.id}": the shopify data source is not implemented yet`);
}
