import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { locationGlobalId, productGlobalId } from '../../../model/global-id.ts';
import type { LevelObservation } from '../../events/level-knowledge.ts';
import { verifyHmacSha256 } from '../hmac-signature.ts';
import { headerValue, type WebhookDelivery, type WebhookProtocol } from '../webhook-protocol.ts';
import type { ShopifyItemIndex } from './shopify-item-index.ts';

/** REST-shaped payloads (webhooks keep REST's numeric ids even for GraphQL apps). */
const inventoryLevelPayload = z.object({
  inventory_item_id: z.number().int(),
  location_id: z.number().int(),
  available: z.number().int().nullable(),
  updated_at: z.string(),
});
const productPayload = z.object({
  variants: z.array(z.object({ id: z.number().int(), sku: z.string().nullable().optional(), inventory_item_id: z.number().int() })).default([]),
});

const itemGid = (id: number): string => `gid://shopify/InventoryItem/${id}`;

/**
 * Shopify: `X-Shopify-Hmac-Sha256` is base64 HMAC-SHA256 of the raw body with the app's client
 * secret; `X-Shopify-Topic` names the topic; `X-Shopify-Webhook-Id` is the same on every retry of
 * a delivery and `X-Shopify-Event-Id` the same for every delivery of one event (two subscriptions
 * to one topic), so both deduplicate (shopify.dev/docs/apps/build/webhooks/ignore-duplicates).
 */
export class ShopifyWebhookProtocol implements WebhookProtocol {
  constructor(
    readonly vendorId: string,
    private readonly secret: string,
    private readonly items: ShopifyItemIndex,
  ) {}

  verify(headers: IncomingHttpHeaders, rawBody: Buffer): boolean {
    return verifyHmacSha256(rawBody, this.secret, headerValue(headers, 'x-shopify-hmac-sha256'), 'base64');
  }

  delivery(headers: IncomingHttpHeaders): WebhookDelivery {
    const topic = headerValue(headers, 'x-shopify-topic') ?? '';
    const webhookId = headerValue(headers, 'x-shopify-webhook-id');
    const eventId = headerValue(headers, 'x-shopify-event-id');
    return { topic, dedupeKeys: [...(webhookId ? [`webhook:${webhookId}`] : []), ...(eventId ? [`event:${topic}:${eventId}`] : [])] };
  }

  async observe(topic: string, payload: unknown): Promise<readonly LevelObservation[] | null> {
    switch (topic) {
      case 'inventory_levels/update':
        return this.levelUpdate(inventoryLevelPayload.parse(payload));
      case 'products/update': {
        // Teaches the item → variant index for later level updates; stock per location is not in it.
        const product = productPayload.parse(payload);
        await this.items.learn(product.variants.map((v) => [itemGid(v.inventory_item_id), { variantId: `gid://shopify/ProductVariant/${v.id}`, sku: v.sku || null }] as const));
        return [];
      }
      default:
        return null;
    }
  }

  private async levelUpdate(level: z.infer<typeof inventoryLevelPayload>): Promise<LevelObservation[]> {
    const item = itemGid(level.inventory_item_id);
    const variant = (await this.items.variantsOf([item])).get(item);
    if (!variant) return [];
    return [
      {
        vendorId: this.vendorId,
        productId: productGlobalId(this.vendorId, variant.variantId),
        locationId: locationGlobalId(this.vendorId, `gid://shopify/Location/${level.location_id}`),
        sku: variant.sku,
        available: level.available,
        updatedAt: new Date(level.updated_at).toISOString(),
      },
    ];
  }
}
