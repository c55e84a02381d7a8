import type { Logger } from 'pino';
import type { StateStore } from '../../store/state-store.ts';
import { CustomLookup } from '../../vendors/custom/custom-lookup.ts';
import { CustomSkuIndex } from './custom/custom-sku-index.ts';
import { CustomWebhookProtocol } from './custom/custom-webhook-protocol.ts';
import { ShopifyItemIndex } from './shopify/shopify-item-index.ts';
import { ShopifyWebhookProtocol } from './shopify/shopify-webhook-protocol.ts';
import type { WebhookVendor } from './vendor-webhook-clients.ts';
import type { WebhookProtocol } from './webhook-protocol.ts';
import { WooCommerceWebhookProtocol } from './woocommerce/woocommerce-webhook-protocol.ts';

export interface WebhookProtocolDeps {
  readonly store: StateStore;
  readonly logger: Logger;
  readonly timeoutMs: number;
}

/** One webhook dialect per vendor that receives webhooks; the switch is exhaustive over them. */
export function buildWebhookProtocols(vendors: ReadonlyMap<string, WebhookVendor>, deps: WebhookProtocolDeps): Map<string, WebhookProtocol> {
  const protocols = new Map<string, WebhookProtocol>();
  for (const [vendorId, vendor] of vendors) {
    switch (vendor.platform) {
      case 'shopify': {
        const items = new ShopifyItemIndex(vendorId, vendor.client, deps.store, deps.logger.child({ vendorId }), deps.timeoutMs);
        protocols.set(vendorId, new ShopifyWebhookProtocol(vendorId, vendor.config.webhookSecret, items));
        break;
      }
      case 'woocommerce':
        protocols.set(vendorId, new WooCommerceWebhookProtocol(vendorId, vendor.config.webhookSecret));
        break;
      case 'custom': {
        const { lookup, fields } = vendor.config.mapping;
        const skus = lookup.bySkus && fields.sku
          ? new CustomSkuIndex(new CustomLookup(vendor.client, fields), lookup.bySkus, fields.sku, deps.logger.child({ vendorId }), deps.timeoutMs)
          : null;
        protocols.set(vendorId, new CustomWebhookProtocol(vendorId, vendor.config, vendor.config.webhookSecret, skus));
        break;
      }
    }
  }
  return protocols;
}
