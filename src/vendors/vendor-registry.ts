import type { VendorConfig } from '../config/config-schema.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { assertNever } from '../model/platform.ts';
import { createCustomSource } from './custom/custom-source.ts';
import { createMagentoSource } from './magento/magento-source.ts';
import { createShopifySource } from './shopify/shopify-source.ts';
import type { VendorDeps } from './vendor-deps.ts';
import type { VendorSource } from './vendor-source.ts';
import { createWooCommerceSource } from './woocommerce/woocommerce-source.ts';

/** Builds one vendor source from its validated config; the switch is exhaustive over platforms. */
export function createVendorSource(config: VendorConfig, deps: VendorDeps): VendorSource {
  switch (config.platform) {
    case 'shopify':
      return createShopifySource(config, deps);
    case 'woocommerce':
      return createWooCommerceSource(config, deps);
    case 'magento':
      return createMagentoSource(config, deps);
    case 'custom':
      return createCustomSource(config, deps);
    default:
      return assertNever(config, 'platform');
  }
}

/** The vendors of this gateway, in config order (which is also the cross-vendor paging order). */
export class VendorRegistry {
  private readonly byId: ReadonlyMap<string, VendorSource>;
  readonly all: readonly VendorSource[];

  constructor(sources: readonly VendorSource[]) {
    this.all = sources;
    this.byId = new Map(sources.map((source) => [source.info.id, source]));
  }

  find(vendorId: string): VendorSource | undefined {
    return this.byId.get(vendorId);
  }

  get(vendorId: string): VendorSource {
    const source = this.byId.get(vendorId);
    if (!source) throw new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${vendorId}"`, { extensions: { field: 'vendorId' } });
    return source;
  }
}
