import { z } from 'zod';
import { secretSchema, urlSchema, vendorIdSchema, webhookSecretSchema } from '../config-fields.ts';
import { planningConfigSchema } from '../planning-config.ts';
import { resilienceConfigSchema } from '../resilience-config.ts';
import { vendorSyncConfigSchema } from '../vendor-sync-config.ts';

export const wooCommerceVendorConfigSchema = z
  .object({
    platform: z.literal('woocommerce'),
    id: vendorIdSchema,
    name: z.string().min(1),
    /** The WordPress site root; the client appends /wp-json/wc/v3. */
    baseUrl: urlSchema,
    consumerKey: secretSchema,
    consumerSecret: secretSchema,
    /** Send the keys as query parameters instead of Basic auth (only for sites that strip the Authorization header). */
    queryStringAuth: z.boolean().default(false),
    currencyCode: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like "USD"').default('USD'),
    /** Name of the site's one stock location (WooCommerce core has one per site); default: the vendor's `name`. */
    locationName: z.string().min(1).optional(),
    resilience: resilienceConfigSchema.optional(),
    webhookSecret: webhookSecretSchema,
    /** Replenishment settings for forecasts and reorder suggestions (defaults when absent). */
    planning: planningConfigSchema.optional(),
    /** Background sync: `{ incrementalEverySeconds }` schedules incremental sync jobs. */
    sync: vendorSyncConfigSchema.optional(),
  })
  .strict();

export type WooCommerceVendorConfig = z.infer<typeof wooCommerceVendorConfigSchema>;
