import type { VendorConfig } from '../config/config-schema.ts';
import { assertNever } from '../model/platform.ts';

/**
 * The vendor account a vendor entry reads: two entries pointing at the same shop or site share
 * one account, so they share one sync job (and, with the scale-out store, one budget). Shopify's
 * account is the shop (its myshopify domain, whatever `endpoint` proxies it); the REST
 * platforms' is the site root, normalised (lower-case host, no trailing slash).
 */
export function vendorAccountKey(vendor: VendorConfig): string {
  switch (vendor.platform) {
    case 'shopify':
      return `shopify:${vendor.shopDomain.toLowerCase()}`;
    case 'woocommerce':
    case 'magento':
    case 'custom':
      return `${vendor.platform}:${siteRoot(vendor.baseUrl)}`;
    default:
      return assertNever(vendor, 'platform');
  }
}

/** Account keys by vendor id; a vendor without configuration (tests inject sources) is its own account. */
export function accountKeyResolver(vendors: readonly VendorConfig[]): (vendorId: string) => string {
  const keys = new Map(vendors.map((vendor) => [vendor.id, vendorAccountKey(vendor)]));
  return (vendorId) => keys.get(vendorId) ?? `vendor:${vendorId}`;
}

function siteRoot(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
}
