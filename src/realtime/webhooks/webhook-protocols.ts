import type { Logger } from 'pino';
import type { VendorConfig } from '../../config/config-schema.ts';
import type { StateStore } from '../../store/state-store.ts';
import { ShopifyClient } from '../../vendors/shopify/shopify-client.ts';
import type { VendorDeps } from '../../vendors/vendor-deps.ts';
import { ShopifyItemIndex } from './shopify/shopify-item-index.ts';
import { ShopifyWebhookProtocol } from './shopify/shopify-webhook-protocol.ts';
import type { WebhookProtocol } from './webhook-protocol.ts';
import { WooCommerceWebhookProtocol } from './woocommerce/woocommerce-webhook-protocol.ts';

export interface WebhookProtocolDeps {
  readonly store: StateStore;
  readonly logger: Logger;
  readonly timeoutMs: number;
  /** The vendor's client dependencies (its policy: webhook lookups share the vendor's rate budget). */
  readonly vendorDeps: (vendorId: string) => VendorDeps;
}

/**
 * The vendors that receive webhooks: those with a `webhookSecret`. Magento's open-source edition
 * has no webhooks (it is polled); a custom vendor's mapping would declare its own scheme.
 */
export function buildWebhookProtocols(vendors: readonly VendorConfig[], deps: WebhookProtocolDeps): Map<string, WebhookProtocol> {
  const protocols = new Map<string, WebhookProtocol>();
  for (const vendor of vendors) {
    switch (vendor.platform) {
      case 'shopify': {
        if (!vendor.webhookSecret) break;
        const client = new ShopifyClient(vendor, deps.vendorDeps(vendor.id));
        const items = new ShopifyItemIndex(vendor.id, client, deps.store, deps.logger.child({ vendorId: vendor.id }), deps.timeoutMs);
        protocols.set(vendor.id, new ShopifyWebhookProtocol(vendor.id, vendor.webhookSecret, items));
        break;
      }
      case 'woocommerce':
        if (vendor.webhookSecret) protocols.set(vendor.id, new WooCommerceWebhookProtocol(vendor.id, vendor.webhookSecret));
        break;
      case 'magento':
      case 'custom':
        break;
    }
  }
  return protocols;
}
