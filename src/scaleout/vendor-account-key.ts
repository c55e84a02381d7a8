import type { VendorConfig } from '../config/config-schema.ts';

/**
 * The vendor ACCOUNT a budget belongs to: Shopify counts cost per shop (per app), REST vendors
 * count requests per site. Two vendor entries on the same shop or site share one budget; the
 * vendor id alone would give each entry a whole budget of its own and overdraw the account.
 */
export function vendorAccountKey(vendor: VendorConfig): string {
  switch (vendor.platform) {
    case 'shopify':
      return `shopify:${vendor.shopDomain.toLowerCase()}`;
    case 'woocommerce':
    case 'magento':
    case 'custom':
      return `${vendor.platform}:${new URL(vendor.baseUrl).host.toLowerCase()}`;
    default:
      return unreachable(vendor);
  }
}

function unreachable(vendor: never): never {
  throw new Error(`no account key for platform of vendor ${JSON.stringify(vendor)}`);
}
