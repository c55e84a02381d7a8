import { z } from 'zod';
import { secretSchema, urlSchema, vendorIdSchema, webhookSecretSchema } from '../config-fields.ts';
import { planningConfigSchema } from '../planning-config.ts';
import { vendorSyncConfigSchema } from '../vendor-sync-config.ts';
import { resilienceConfigSchema } from '../resilience-config.ts';
import { shopDomainSchema } from './shopify-shop-domain.ts';

/** The Admin API version the client and the simulator speak (supported until at least 2027-07). */
export const SHOPIFY_API_VERSION = '2026-07';

export const shopifyVendorConfigSchema = z
  .object({
    platform: z.literal('shopify'),
    id: vendorIdSchema,
    name: z.string().min(1),
    shopDomain: shopDomainSchema,
    /** A custom or merchant-created app's access token (does not expire). */
    accessToken: secretSchema.optional(),
    /** Expiring offline tokens (public apps): the app's client ID and secret, and the refresh token from installing it. */
    clientId: z.string().min(1).optional(),
    clientSecret: secretSchema.optional(),
    /** Used once: Shopify replaces it on every refresh; the gateway keeps the replacement, sealed, in the state store. */
    refreshToken: secretSchema.optional(),
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
    /** Background sync: `{ incrementalEverySeconds }` schedules incremental sync jobs. */
    sync: vendorSyncConfigSchema.optional(),
  })
  .strict()
  .superRefine((vendor, context) => {
    for (const issue of tokenFormIssues(vendor)) context.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });

const EXPIRING_FIELDS = ['clientId', 'clientSecret', 'refreshToken'] as const;

/** Exactly one way to authenticate: `accessToken`, or all three of `clientId`, `clientSecret`, `refreshToken`. */
function tokenFormIssues(vendor: { accessToken?: string; clientId?: string; clientSecret?: string; refreshToken?: string }): Array<{ field: string; message: string }> {
  const given = EXPIRING_FIELDS.filter((field) => vendor[field] !== undefined);
  if (vendor.accessToken !== undefined) {
    return given.length === 0
      ? []
      : [{ field: given[0]!, message: 'give either accessToken (a custom app\'s token) or clientId, clientSecret and refreshToken (expiring offline tokens), not both' }];
  }
  if (given.length === 0) {
    return [{ field: 'accessToken', message: 'is required, or instead clientId, clientSecret and refreshToken for expiring offline tokens' }];
  }
  return EXPIRING_FIELDS.filter((field) => vendor[field] === undefined).map((field) => ({
    field,
    message: `is required with ${given.join(' and ')} (expiring offline tokens need clientId, clientSecret and refreshToken)`,
  }));
}

/** True when the vendor refreshes expiring offline tokens (and so needs the state store and a secret key). */
export function usesRefreshToken(vendor: ShopifyVendorConfig): vendor is ShopifyVendorConfig & { clientId: string; clientSecret: string; refreshToken: string } {
  return vendor.refreshToken !== undefined;
}

export type ShopifyVendorConfig = z.infer<typeof shopifyVendorConfigSchema>;
