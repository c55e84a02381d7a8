import { z } from 'zod';
import { urlSchema, vendorIdSchema, webhookSecretSchema } from '../../config-fields.ts';
import { planningConfigSchema } from '../../planning-config.ts';
import { resilienceConfigSchema } from '../../resilience-config.ts';
import { customAuthSchema } from './custom-auth-config.ts';
import { vendorSyncConfigSchema } from '../../vendor-sync-config.ts';
import { jsonPathSchema, required } from './custom-config-fields.ts';
import { customFieldsSchema } from './custom-fields-config.ts';
import { customLookupSchema, listSchema } from './custom-list-config.ts';
import { customLocationsSchema } from './custom-locations-config.ts';
import { customOrdersSchema } from './custom-orders-config.ts';
import { customWebhookSchema } from './custom-webhook-config.ts';
import { customWriteSchema } from './custom-write-config.ts';

/** The declarative mapping of a custom vendor's REST API (see README.md in this folder). */
export const customMappingSchema = z
  .object({
    list: required(listSchema, '{ path, itemsPath, pageSize, pagination } of the list endpoint'),
    lookup: required(customLookupSchema, '{ byIds: ..., bySkus?: ... }: how to fetch known items'),
    fields: required(customFieldsSchema, 'the dot paths of id, name, price, currency, ... in an item'),
    write: customWriteSchema.optional(),
    /** Where the vendor lists its locations (Vendor.locations); optional. */
    locations: customLocationsSchema.optional(),
    /** Where the vendor's orders are (demand history); optional. */
    orders: customOrdersSchema.optional(),
    /** How the vendor's webhooks are signed and read (POST /webhooks/<vendorId>); optional. */
    webhook: customWebhookSchema.optional(),
    /** Where the vendor's error body keeps its message (default: error.message, message, error, errors[0].message). */
    errorMessagePath: jsonPathSchema.optional(),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    if (mapping.write && !mapping.fields.inventory) {
      ctx.addIssue({
        code: 'custom',
        path: ['write'],
        message: 'a write needs fields.inventory, so the level can be read before and after the change; add it or remove write',
      });
    }
    if (mapping.webhook && !mapping.webhook.fields.locationId && mapping.fields.inventory?.kind !== 'quantity') {
      ctx.addIssue({
        code: 'custom',
        path: ['webhook', 'fields', 'locationId'],
        message: 'is required: the dot path of the location id in an event (only a fields.inventory of kind quantity has one fixed location)',
      });
    }
    if (mapping.webhook && !mapping.webhook.fields.itemId && (!mapping.lookup.bySkus || !mapping.fields.sku)) {
      ctx.addIssue({
        code: 'custom',
        path: ['webhook', 'fields', 'itemId'],
        message: 'is required unless lookup.bySkus and fields.sku are given (events that name items by SKU only are resolved through them)',
      });
    }
  });

/** A custom vendor: a declarative mapping from any JSON REST API to the standard model. */
export const customVendorConfigSchema = z
  .object({
    platform: z.literal('custom'),
    id: vendorIdSchema,
    name: z.string().min(1),
    /** The API root; mapping paths are appended to it (its own path, like /api/v1, is kept). */
    baseUrl: urlSchema,
    auth: customAuthSchema.default({ type: 'none' }),
    mapping: required(customMappingSchema, '{ list, lookup, fields, write? } (see src/vendors/custom/README.md)'),
    resilience: resilienceConfigSchema.optional(),
    webhookSecret: webhookSecretSchema,
    /** Replenishment settings for forecasts and reorder suggestions (defaults when absent). */
    planning: planningConfigSchema.optional(),
    /** Background sync: `{ incrementalEverySeconds }` schedules incremental sync jobs. */
    sync: vendorSyncConfigSchema.optional(),
  })
  .strict()
  .superRefine((vendor, ctx) => {
    if (vendor.mapping.webhook && !vendor.webhookSecret) {
      ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'is required when mapping.webhook is declared: the shared secret deliveries are signed with, e.g. "${DROPSHIP_WEBHOOK_SECRET}"' });
    }
  });

export type CustomVendorConfig = z.infer<typeof customVendorConfigSchema>;
export type CustomVendorConfigInput = z.input<typeof customVendorConfigSchema>;
export type CustomMapping = z.infer<typeof customMappingSchema>;
