import { z } from 'zod';
import { secretSchema, urlSchema, vendorIdSchema } from '../../config/config-fields.ts';
import { resilienceConfigSchema } from '../../resilience/resilience-config.ts';

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
    resilience: resilienceConfigSchema.optional(),
  })
  .strict()
  .refine((v) => Boolean(v.accessToken) !== Boolean(v.username && v.password), {
    message: 'give either accessToken (an integration token) or username + password (admin credentials), not both or neither',
    path: ['accessToken'],
  });

export type MagentoVendorConfig = z.infer<typeof magentoVendorConfigSchema>;
