import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { CustomVendorConfig } from '../../../config/vendors/custom/custom-config.ts';
import type { CustomWebhookMapping } from '../../../config/vendors/custom/custom-webhook-config.ts';
import { readJsonPath } from '../../../config/vendors/custom/json-path.ts';
import { locationGlobalId, productGlobalId } from '../../../model/global-id.ts';
import type { LevelObservation } from '../../events/level-knowledge.ts';
import { verifyHmacSha256 } from '../hmac-signature.ts';
import { headerValue, type WebhookDelivery, type WebhookProtocol } from '../webhook-protocol.ts';
import type { CustomSkuIndex } from './custom-sku-index.ts';

/** The topic a delivery has when the mapping declares no topic header. */
export const CUSTOM_DEFAULT_TOPIC = 'stock';

const nativeIdSchema = z.union([z.string().min(1), z.number().int()]).transform(String);

/** One event as the mapping's dot paths read it; a value of the wrong kind answers 400. */
const eventSchema = z.object({
  itemId: nativeIdSchema.optional(),
  sku: z.string().min(1).nullable().optional(),
  locationId: nativeIdSchema,
  available: z.number().int().nullable(),
  updatedAt: z
    .string()
    .refine((text) => !Number.isNaN(Date.parse(text)), 'is not an ISO 8601 time')
    .transform((text) => new Date(text).toISOString())
    .nullable()
    .optional(),
});

/**
 * A custom vendor's webhook dialect, as its mapping declares it (`mapping.webhook`): the signature
 * header and scheme (HMAC-SHA256 of the raw body with `webhookSecret`, hex or base64, optional
 * prefix), optional topic and delivery-id headers, and the dot paths of each level in the body.
 * An event that names its item by SKU only is resolved through `lookup.bySkus` (one batched call
 * per delivery); an SKU the vendor does not know is skipped.
 * The delivery id is the dedupe key (declare it only when retries resend the same id); ordering by
 * the declared `updatedAt` protects against late retries either way.
 */
export class CustomWebhookProtocol implements WebhookProtocol {
  private readonly webhook: CustomWebhookMapping;
  private readonly fixedLocationId: string | null;

  constructor(
    readonly vendorId: string,
    config: CustomVendorConfig & { readonly mapping: { readonly webhook: CustomWebhookMapping } },
    private readonly secret: string,
    private readonly skus: CustomSkuIndex | null,
  ) {
    this.webhook = config.mapping.webhook;
    const inventory = config.mapping.fields.inventory;
    this.fixedLocationId = inventory?.kind === 'quantity' ? inventory.locationId : null;
  }

  verify(headers: IncomingHttpHeaders, rawBody: Buffer): boolean {
    const { header, encoding, prefix } = this.webhook.signature;
    return verifyHmacSha256(rawBody, this.secret, headerValue(headers, header), encoding, prefix);
  }

  delivery(headers: IncomingHttpHeaders): WebhookDelivery {
    const { topicHeader, deliveryIdHeader } = this.webhook;
    const deliveryId = deliveryIdHeader ? headerValue(headers, deliveryIdHeader) : undefined;
    const topic = topicHeader ? (headerValue(headers, topicHeader) ?? '') : CUSTOM_DEFAULT_TOPIC;
    return { topic, dedupeKeys: deliveryId ? [`delivery:${deliveryId}`] : [] };
  }

  async observe(topic: string, payload: unknown): Promise<readonly LevelObservation[] | null> {
    if (this.webhook.topics && !this.webhook.topics.includes(topic)) return null;
    const found = this.webhook.eventsPath ? readJsonPath(payload, this.webhook.eventsPath) : payload;
    const events = Array.isArray(found) ? found : [found];
    const read = events.map((event) => this.read(event));
    const unnamed = [...new Set(read.filter((event) => event.itemId === undefined).map((event) => event.sku ?? ''))];
    const bySku = unnamed.length > 0 && this.skus ? await this.skus.nativeIdsOf(unnamed) : new Map<string, string | null>();
    return read.flatMap((event) => {
      const itemId = event.itemId ?? bySku.get(event.sku ?? '');
      return itemId ? [this.observation(event, itemId)] : [];
    });
  }

  private read(event: unknown): z.infer<typeof eventSchema> {
    const { fields } = this.webhook;
    const read = eventSchema.parse({
      itemId: fields.itemId ? readJsonPath(event, fields.itemId) : undefined,
      sku: fields.sku ? readJsonPath(event, fields.sku) : undefined,
      locationId: fields.locationId ? readJsonPath(event, fields.locationId) : this.fixedLocationId,
      available: readJsonPath(event, fields.available),
      updatedAt: fields.updatedAt ? readJsonPath(event, fields.updatedAt) : undefined,
    });
    // An event must name its item: by id, or by SKU when the mapping reads no id.
    if (read.itemId === undefined && (!read.sku || !this.skus)) eventSchema.extend({ itemId: nativeIdSchema }).parse(read);
    return read;
  }

  private observation(read: z.infer<typeof eventSchema>, itemId: string): LevelObservation {
    return {
      vendorId: this.vendorId,
      productId: productGlobalId(this.vendorId, itemId),
      locationId: locationGlobalId(this.vendorId, read.locationId),
      sku: read.sku ?? null,
      available: read.available,
      updatedAt: read.updatedAt ?? null,
    };
  }
}
