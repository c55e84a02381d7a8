import type { VendorDeps } from '../vendor-deps.ts';
import type { VendorSource } from '../vendor-source.ts';
import type { MagentoVendorConfig } from './magento-config.ts';

/** Builds the Magento vendor source. (Placeholder until the Magento data source lands.) */
export function createMagentoSource(config: MagentoVendorConfig, _deps: VendorDeps): VendorSource {
  throw new Error(`vendor "${config.id}": the magento data source is not implemented yet`);
}
