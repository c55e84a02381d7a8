import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { locationGlobalId, productGlobalId } from '../../../model/global-id.ts';
import { WOO_LOCATION_ID, wooGmtToIso } from '../../../vendors/woocommerce/woocommerce-mapper.ts';
import { productNativeId, variationNativeId } from '../../../vendors/woocommerce/woocommerce-native-id.ts';
import type { LevelObservation } from '../../events/level-knowledge.ts';
import { verifyHmacSha256 } from '../hmac-signature.ts';
import { headerValue, type WebhookDelivery, type WebhookProtocol } from '../webhook-protocol.ts';

/** The REST v3 product (or variation) body WooCommerce delivers for product.* topics. */
const productPayload = z.object({
  id: z.number().int(),
  type: z.string().optional(),
  parent_id: z.number().int().optional(),
  sku: z.string().optional(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).optional(),
  stock_quantity: z.number().int().nullable().optional(),
  date_modified_gmt: z.string().nullable().optional(),
});

/**
 * WooCommerce: `X-WC-Webhook-Signature` is base64 HMAC-SHA256 of the raw body with the webhook's
 * secret; `X-WC-Webhook-Topic` the topic; `X-WC-Webhook-Delivery-ID` differs on every attempt
 * (a retry is a new delivery), so the payload's `date_modified_gmt` ordering, not the id, is what
 * keeps a late retry from undoing a newer level. A variation's update arrives as
 * `product.updated` with `type: "variation"` and its `parent_id`.
 */
export class WooCommerceWebhookProtocol implements WebhookProtocol {
  constructor(
    readonly vendorId: string,
    private readonly secret: string,
  ) {}

  verify(headers: IncomingHttpHeaders, rawBody: Buffer): boolean {
    return verifyHmacSha256(rawBody, this.secret, headerValue(headers, 'x-wc-webhook-signature'), 'base64');
  }

  delivery(headers: IncomingHttpHeaders): WebhookDelivery {
    const deliveryId = headerValue(headers, 'x-wc-webhook-delivery-id');
    return { topic: headerValue(headers, 'x-wc-webhook-topic') ?? '', dedupeKeys: deliveryId ? [`delivery:${deliveryId}`] : [] };
  }

  async observe(topic: string, payload: unknown): Promise<readonly LevelObservation[] | null> {
    if (topic !== 'product.updated' && topic !== 'product.created') return null;
    const product = productPayload.parse(payload);
    // Stock kept by the parent (or not kept at all) is not this item's level.
    if (product.manage_stock !== true || product.stock_quantity === null || product.stock_quantity === undefined) return [];
    const isVariation = product.type === 'variation' && product.parent_id !== undefined && product.parent_id > 0;
    const nativeId = isVariation ? variationNativeId(product.parent_id!, product.id) : productNativeId(product.id);
    return [
      {
        vendorId: this.vendorId,
        productId: productGlobalId(this.vendorId, nativeId),
        locationId: locationGlobalId(this.vendorId, WOO_LOCATION_ID),
        sku: product.sku || null,
        available: product.stock_quantity,
        updatedAt: wooGmtToIso(product.date_modified_gmt),
      },
    ];
  }
}
