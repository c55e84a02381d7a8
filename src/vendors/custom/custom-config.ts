import { z } from 'zod';
import { urlSchema, vendorIdSchema } from '../../config/config-fields.ts';
import { resilienceConfigSchema } from '../../resilience/resilience-config.ts';

/** A custom vendor: a declarative mapping from any JSON REST API to the standard model. */
export const customVendorConfigSchema = z
  .object({
    platform: z.literal('custom'),
    id: vendorIdSchema,
    name: z.string().min(1),
    baseUrl: urlSchema,
    auth: z.unknown().optional(),
    mapping: z.unknown(),
    resilience: resilienceConfigSchema.optional(),
  })
  .strict();

export type CustomVendorConfig = z.infer<typeof customVendorConfigSchema>;
