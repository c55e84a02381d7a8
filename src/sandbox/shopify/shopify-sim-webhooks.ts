import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { SimWebhookSender } from '../sim-webhook-sender.ts';
import type { ShopifyCatalog } from './shopify-sim-catalog.ts';

/** The topics this shop can deliver (the enum values of WebhookSubscriptionTopic it knows), with their REST names. */
const TOPICS: Readonly<Record<string, string>> = {
  INVENTORY_LEVELS_UPDATE: 'inventory_levels/update',
  PRODUCTS_UPDATE: 'products/update',
};

const numericId = (gid: string): number => Number(gid.slice(gid.lastIndexOf('/') + 1));

/**
 * Shopify's webhooks as the simulated shop sends them: registered with `webhookSubscriptionCreate`
 * (2026-07: an HTTPS or, for local receivers, http `uri`), signed with the app's client secret in
 * `X-Shopify-Hmac-Sha256`, with `X-Shopify-Webhook-Id` constant across retries and
 * `X-Shopify-Event-Id` shared by every delivery of one event. Payloads are REST-shaped.
 */
export class ShopifySimWebhooks {
  readonly sender: SimWebhookSender;
  private seq = 0;

  constructor(
    private readonly appSecret: string,
    shopDomain: string,
    apiVersion: string,
  ) {
    this.sender = new SimWebhookSender(({ topic, signature, webhookId, eventId }) => ({
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': signature,
      'x-shopify-shop-domain': shopDomain,
      'x-shopify-api-version': apiVersion,
      'x-shopify-webhook-id': webhookId,
      'x-shopify-event-id': eventId,
      'x-shopify-triggered-at': new Date().toISOString(),
    }));
  }

  /** `webhookSubscriptionCreate(topic, webhookSubscription: { uri, ... })`. */
  create(args: { topic: string; webhookSubscription: { uri: string; format?: string | null } }, now: string) {
    const topic = TOPICS[args.topic];
    if (!topic) return { webhookSubscription: null, userErrors: [{ field: ['topic'], message: 'Topic is not supported by this shop' }] };
    let uri: URL;
    try {
      uri = new URL(args.webhookSubscription.uri);
    } catch {
      return { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address is invalid' }] };
    }
    const local = uri.hostname === '127.0.0.1' || uri.hostname === 'localhost';
    if (uri.protocol !== 'https:' && !(local && uri.protocol === 'http:')) {
      return { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address protocol http:// is not supported' }] };
    }
    if (args.webhookSubscription.format && args.webhookSubscription.format !== 'JSON') throw new GraphQLError('Only JSON webhooks are simulated');
    const duplicate = this.sender.targets.find((target) => target.topic === topic && target.url === uri.href);
    if (duplicate) return { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }] };
    const id = `gid://shopify/WebhookSubscription/${String(9_000_000 + ++this.seq)}`;
    this.sender.addTarget({ id, topic, url: uri.href, secret: this.appSecret });
    return { webhookSubscription: { id, topic: args.topic, uri: uri.href, format: 'JSON', createdAt: now, updatedAt: now }, userErrors: [] };
  }

  /** `inventory_levels/update` for a level whose `available` changed. */
  levelChanged(catalog: ShopifyCatalog, itemId: string, locationId: string): void {
    const level = catalog.level(itemId, locationId);
    if (!level) return;
    this.sender.emit('inventory_levels/update', {
      inventory_item_id: numericId(itemId),
      location_id: numericId(locationId),
      available: level.available,
      updated_at: level.updatedAt,
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${numericId(locationId)}?inventory_item_id=${numericId(itemId)}`,
    });
  }

  /** Used by tests that register a receiver directly, as an app's TOML subscription would. */
  subscribe(topic: string, url: string, secret = this.appSecret): void {
    this.sender.addTarget({ id: randomUUID(), topic, url, secret });
  }
}
