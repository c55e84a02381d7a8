import { z } from 'zod';
import type { ShopifyOperation } from '../../../vendors/shopify/shopify-client.ts';

/**
 * `inventory_levels/update` names an inventory item, while a product ID names its variant: one
 * `nodes(ids:)` read maps items to variants (cost: an item 1 + its variant 1, per id).
 */
export const INVENTORY_ITEM_VARIANTS: ShopifyOperation<{ nodes: Array<{ id?: string; variant?: { id: string; sku: string | null } | null } | null> }> = {
  name: 'WebhookInventoryItemVariants',
  document: `
query WebhookInventoryItemVariants($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on InventoryItem { id variant { id sku } }
  }
}`,
  data: z.object({
    nodes: z.array(z.object({ id: z.string().optional(), variant: z.object({ id: z.string(), sku: z.string().nullable() }).nullable().optional() }).nullable()),
  }),
};
export const ITEM_VARIANT_COST = 2;

/** The topics the gateway subscribes to; their names as webhookSubscriptionCreate takes them. */
export const SHOPIFY_WEBHOOK_TOPICS = { 'inventory_levels/update': 'INVENTORY_LEVELS_UPDATE', 'products/update': 'PRODUCTS_UPDATE' } as const;

/**
 * 2026-07: `uri` replaced the deprecated `callbackUrl` (HTTPS, Pub/Sub or EventBridge URIs).
 * Source: shopify.dev/docs/api/admin-graphql/2026-07/objects/WebhookSubscription (`uri: String!`).
 */
export const WEBHOOK_SUBSCRIPTION_CREATE: ShopifyOperation<{
  webhookSubscriptionCreate: { webhookSubscription: { id: string; topic: string; uri: string } | null; userErrors: Array<{ field: string[] | null; message: string }> } | null;
}> = {
  name: 'RegisterWebhookSubscription',
  document: `
mutation RegisterWebhookSubscription($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`,
  data: z.object({
    webhookSubscriptionCreate: z
      .object({
        webhookSubscription: z.object({ id: z.string(), topic: z.string(), uri: z.string() }).nullable(),
        userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
      })
      .nullable(),
  }),
};
