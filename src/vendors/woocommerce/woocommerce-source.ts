import type { VendorDeps } from '../vendor-deps.ts';
import type { VendorSource } from '../vendor-source.ts';
import type { WooCommerceVendorConfig } from './woocommerce-config.ts';

/** Builds the WooCommerce vendor source. (Placeholder until the WooCommerce data source lands.) */
export function createWooCommerceSource(config: WooCommerceVendorConfig, _deps: VendorDeps): VendorSource {
  throw new Error(`vendor "${config.id}": the woocommerce data source is not implemented yet`);
}
