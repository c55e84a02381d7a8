import type { VendorConfig } from '../../config/config-schema.ts';
import { CustomClient } from '../../vendors/custom/custom-client.ts';
import { ShopifyClient } from '../../vendors/shopify/shopify-client.ts';
import type { CustomVendorConfig } from '../../config/vendors/custom/custom-config.ts';
import type { CustomWebhookMapping } from '../../config/vendors/custom/custom-webhook-config.ts';
import type { ShopifyVendorConfig } from '../../config/vendors/shopify-config.ts';
import type { VendorDeps } from '../../vendors/vendor-deps.ts';
import { WooCommerceClient } from '../../vendors/woocommerce/woocommerce-client.ts';
import type { WooCommerceVendorConfig } from '../../config/vendors/woocommerce-config.ts';

/** A vendor that can deliver webhooks, with the client that registers them (and, for Shopify, maps items). */
export type WebhookVendor =
  | { readonly platform: 'shopify'; readonly config: ShopifyVendorConfig & { readonly webhookSecret: string }; readonly client: ShopifyClient }
  | { readonly platform: 'woocommerce'; readonly config: WooCommerceVendorConfig & { readonly webhookSecret: string }; readonly client: WooCommerceClient }
  | { readonly platform: 'custom'; readonly config: CustomWebhookVendorConfig; readonly client: CustomClient };

/** A custom vendor whose mapping declares `webhook` (config validation requires its secret then). */
export type CustomWebhookVendorConfig = CustomVendorConfig & { readonly webhookSecret: string; readonly mapping: { readonly webhook: CustomWebhookMapping } };

/**
 * The vendors configured with a `webhookSecret`, each with its own client over the vendor's
 * policy (so webhook work shares the vendor's rate budget and breaker with everything else).
 * Magento's open-source edition has no webhooks (it is polled); a custom vendor receives them
 * when its mapping declares a `webhook` section (its client resolves events that carry only a SKU).
 */
export function webhookVendors(vendors: readonly VendorConfig[], vendorDeps: (vendorId: string) => VendorDeps): Map<string, WebhookVendor> {
  const found = new Map<string, WebhookVendor>();
  for (const vendor of vendors) {
    if (vendor.platform === 'shopify' && vendor.webhookSecret) {
      found.set(vendor.id, { platform: 'shopify', config: { ...vendor, webhookSecret: vendor.webhookSecret }, client: new ShopifyClient(vendor, vendorDeps(vendor.id)) });
    } else if (vendor.platform === 'woocommerce' && vendor.webhookSecret) {
      found.set(vendor.id, { platform: 'woocommerce', config: { ...vendor, webhookSecret: vendor.webhookSecret }, client: new WooCommerceClient(vendor, vendorDeps(vendor.id)) });
    } else if (vendor.platform === 'custom' && vendor.webhookSecret && vendor.mapping.webhook) {
      found.set(vendor.id, { platform: 'custom', config: { ...vendor, webhookSecret: vendor.webhookSecret, mapping: { ...vendor.mapping, webhook: vendor.mapping.webhook } }, client: new CustomClient(vendor, vendorDeps(vendor.id)) });
    }
  }
  return found;
}
