import { z } from 'zod';
import { secretSchema, urlSchema, vendorIdSchema } from '../config-fields.ts';
import { planningConfigSchema } from '../planning-config.ts';
import { resilienceConfigSchema } from '../resilience-config.ts';
import { vendorSyncConfigSchema } from '../vendor-sync-config.ts';

export const magentoVendorConfigSchema = z
  .object({
    platform: z.literal('magento'),
    id: vendorIdSchema,
    name: z.string().min(1),
    /** The store's root URL; the client appends /rest/<storeCode>/V1. */
    baseUrl: urlSchema,
    /** An integration access token (long-lived), or give `username` + `password` of an admin user. */
    accessToken: secretSchema.optional(),
    username: z.string().min(1).optional(),
    password: secretSchema.optional(),
    storeCode: z.string().regex(/^[a-z0-9_]+$/, 'must be a Magento store code like "default"').default('default'),
    currencyCode: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like "USD"').default('USD'),
    /**
     * "msi" (Multi-Source Inventory, /V1/inventory/*), "legacy" (single stock item per product) or
     * "auto": ask /V1/inventory/sources once and fall back to legacy when the route does not exist.
     */
    inventoryMode: z.enum(['auto', 'msi', 'legacy']).default('auto'),
    /** Custom attribute codes holding the barcode, tried in order (Magento has no native barcode field). */
    barcodeAttributes: z.array(z.string().min(1)).min(1).default(['barcode', 'ean', 'gtin', 'upc']),
    /** Page size the client asks for; 300 is the store maximum once "Web API input limits" are enabled. */
    pageSize: z.number().int().min(1).max(300).default(300),
    /** Entities per synchronous list input (POST /V1/inventory/source-items); 20 when input limits are enabled. */
    inputListLimit: z.number().int().min(1).max(5000).default(20),
    resilience: resilienceConfigSchema.optional(),
    /** Magento has no webhooks in its open-source edition: changed stock is polled by `updated_at` this often while real_time_sync_enabled is on. */
    pollEverySeconds: z.number().int().min(1).max(86_400).default(30),
    /** Replenishment settings for forecasts and reorder suggestions (defaults when absent). */
    planning: planningConfigSchema.optional(),
    /** Background sync: `{ incrementalEverySeconds }` schedules incremental sync jobs. */
    sync: vendorSyncConfigSchema.optional(),
  })
  .strict()
  .refine((v) => Boolean(v.accessToken) !== Boolean(v.username && v.password), {
    message: 'give either accessToken (an integration token) or username + password (admin credentials), not both or neither',
    path: ['accessToken'],
  });

export type MagentoVendorConfig = z.infer<typeof magentoVendorConfigSchema>;
