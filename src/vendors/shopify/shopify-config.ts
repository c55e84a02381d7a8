import { z } from 'zod';
import { secretSchema, urlSchema, vendorIdSchema, webhookSecretSchema } from '../../config/config-fields.ts';
import { planningConfigSchema } from '../../demand/planning-config.ts';
import { resilienceConfigSchema } from '../../resilience/resilience-config.ts';

/** The Admin API version the client and the simulator speak (supported until at least 2027-07). */
export const SHOPIFY_API_VERSION = '2026-07';

export const shopifyVendorConfigSchema = z
  .object({
    platform: z.literal('shopify'),
    id: vendorIdSchema,
    name: z.string().min(1),
    shopDomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be the shop\'s myshopify domain, e.g. "acme.myshopify.com"'),
    accessToken: secretSchema,
    apiVersion: z
      .string()
      .regex(/^\d{4}-(01|04|07|10)$/, 'must be a Shopify API version like "2026-07"')
      .default(SHOPIFY_API_VERSION),
    /** Origin replacing https://{shopDomain} (a simulator or a proxy); the API path is appended as usual. */
    endpoint: urlSchema.optional(),
    resilience: resilienceConfigSchema.optional(),
    webhookSecret: webhookSecretSchema,
    /** Replenishment settings for forecasts and reorder suggestions (defaults when absent). */
    planning: planningConfigSchema.optional(),
  })
  .strict();

export type ShopifyVendorConfig = z.infer<typeof shopifyVendorConfigSchema>;
