import { z } from 'zod';
import { jsonPathSchema, required } from './custom-config-fields.ts';

/** An HTTP header name (RFC 9110 token), e.g. "X-Dropship-Signature"; matched case-insensitively. */
const headerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name such as "X-Dropship-Signature"');

export const SIGNATURE_SCHEMES = ['hmac-sha256'] as const;
export const SIGNATURE_ENCODINGS = ['hex', 'base64'] as const;

/** How the vendor signs a delivery: HMAC-SHA256 of the raw body with the vendor's `webhookSecret`. */
const signatureSchema = z
  .object({
    header: required(headerNameSchema, 'the header that carries the signature, e.g. "X-Dropship-Signature"'),
    scheme: required(z.enum(SIGNATURE_SCHEMES, { error: 'use hmac-sha256 (HMAC-SHA256 of the raw body)' }), 'hmac-sha256'),
    encoding: required(z.enum(SIGNATURE_ENCODINGS, { error: 'use hex or base64' }), 'hex or base64: how the digest is written'),
    /** Text before the digest in the header, e.g. "sha256=". */
    prefix: z.string().min(1).optional(),
  })
  .strict();

/** Where one level is in an event: item id (and SKU), location, available quantity, time of the change. */
const webhookFieldsSchema = z
  .object({
    /** The item's native id (the id fields.id reads); without it, `sku` names the item. */
    itemId: jsonPathSchema.optional(),
    sku: jsonPathSchema.optional(),
    /** Absent only when fields.inventory is `kind: quantity` (its one fixed location is used). */
    locationId: jsonPathSchema.optional(),
    available: required(jsonPathSchema, 'the dot path of the available quantity, e.g. "available"'),
    /** The vendor's time of the change (ISO 8601); an event older than the known level is ignored. */
    updatedAt: jsonPathSchema.optional(),
  })
  .strict()
  .superRefine((fields, ctx) => {
    if (!fields.itemId && !fields.sku) {
      ctx.addIssue({ code: 'custom', path: ['itemId'], message: 'is required: the dot path of the item\'s native id (the id fields.id reads), e.g. "product_id"; or give sku to name items by SKU' });
    }
  });

/**
 * The optional `webhook` section of a custom mapping: how deliveries to POST /webhooks/<vendorId>
 * are signed, which headers name the topic and the delivery, and where the levels are in the body.
 */
export const customWebhookSchema = z
  .object({
    signature: required(signatureSchema, '{ header, scheme: hmac-sha256, encoding: hex | base64, prefix? }'),
    topicHeader: headerNameSchema.optional(),
    /** Topics that carry levels; other topics are acknowledged and ignored. Needs topicHeader. */
    topics: z.array(z.string().min(1)).min(1).optional(),
    /** A header whose value is the same on every retry of one delivery: repeats are applied once. */
    deliveryIdHeader: headerNameSchema.optional(),
    /** Where the array of events is in the body; absent: the body is one event. */
    eventsPath: jsonPathSchema.optional(),
    fields: required(webhookFieldsSchema, '{ itemId and/or sku, locationId?, available, updatedAt? }: dot paths inside one event'),
  })
  .strict()
  .superRefine((webhook, ctx) => {
    if (webhook.topics && !webhook.topicHeader) {
      ctx.addIssue({ code: 'custom', path: ['topics'], message: 'topics needs topicHeader (the header that names the topic); add it or remove topics' });
    }
  });

export type CustomWebhookMapping = z.infer<typeof customWebhookSchema>;
