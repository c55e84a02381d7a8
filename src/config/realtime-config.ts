import { z } from 'zod';

export const REALTIME_DEFAULTS = {
  webhookMaxBodyBytes: 1_048_576,
  webhookQueueCapacity: 256,
  webhookConcurrency: 8,
  deliveryTtlHours: 72,
  subscriptionBufferSize: 256,
  publicUrl: undefined,
} as const;

/** Webhook intake and subscription limits (src/realtime). */
export const realtimeConfigSchema = z
  .object({
    /** Larger webhook bodies are answered 413 unread. Shopify and WooCommerce bodies are a few KiB. */
    webhookMaxBodyBytes: z.number().int().min(1024).max(16_777_216).default(REALTIME_DEFAULTS.webhookMaxBodyBytes),
    /** Deliveries waiting beyond the ones being applied; more are answered 503 with Retry-After. */
    webhookQueueCapacity: z.number().int().min(1).max(100_000).default(REALTIME_DEFAULTS.webhookQueueCapacity),
    /** Deliveries applied at once (per vendor they are still applied in order). */
    webhookConcurrency: z.number().int().min(1).max(256).default(REALTIME_DEFAULTS.webhookConcurrency),
    /** How long a delivery id is remembered (longer than vendors retry: Shopify retries for 4 hours). */
    deliveryTtlHours: z.number().min(5).default(REALTIME_DEFAULTS.deliveryTtlHours),
    /** Events a subscriber may have unread; a subscriber further behind is dropped (close code 4429). */
    subscriptionBufferSize: z.number().int().min(1).max(100_000).default(REALTIME_DEFAULTS.subscriptionBufferSize),
    /** The gateway's public origin, given to vendors by registerWebhooks (https in production). */
    publicUrl: z.url({ message: 'must be an absolute URL such as https://stockgraph.example.com' }).optional(),
  })
  .strict();

export type RealtimeConfig = z.infer<typeof realtimeConfigSchema>;
