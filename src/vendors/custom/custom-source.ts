import type { VendorDeps } from '../vendor-deps.ts';
import type { VendorSource } from '../vendor-source.ts';
import type { CustomVendorConfig } from './custom-config.ts';

/** Builds the Custom vendor source. (Placeholder until the Custom data source lands.) */
export function createCustomSource(config: CustomVendorConfig, _deps: VendorDeps): VendorSource {
  throw new Error(`vendor "${config.id}": the custom data source is not implemented yet`);
}
