import type { Logger } from 'pino';
import { badUserInput, GatewayError } from '../../errors/gateway-error.ts';
import { ErrorCode } from '../../errors/error-code.ts';
import { MUTATION_COST } from '../../vendors/shopify/shopify-cost-plan.ts';
import { backgroundCall } from '../events/background-call.ts';
import { SHOPIFY_WEBHOOK_TOPICS, WEBHOOK_SUBSCRIPTION_CREATE } from '../webhooks/shopify/shopify-webhook-documents.ts';
import type { WebhookVendor } from '../webhooks/vendor-webhook-clients.ts';

export const WebhookRegistrationStatus = { CREATED: 'CREATED', ALREADY_REGISTERED: 'ALREADY_REGISTERED', REFUSED: 'REFUSED' } as const;
export type WebhookRegistrationStatus = (typeof WebhookRegistrationStatus)[keyof typeof WebhookRegistrationStatus];

export interface WebhookRegistration {
  readonly vendorId: string;
  readonly topic: string;
  readonly callbackUrl: string;
  readonly status: WebhookRegistrationStatus;
  /** The vendor's id of the subscription, when it made one. */
  readonly subscriptionId: string | null;
  /** The vendor's reason, when it refused. */
  readonly message: string | null;
}

const WOO_TOPICS = ['product.updated'] as const;

/**
 * Tells a vendor to deliver the topics the gateway uses to `<base>/webhooks/<vendorId>`:
 * Shopify `webhookSubscriptionCreate` (the app's client secret signs; `uri`, 2026-07) and
 * WooCommerce `POST /webhooks` (the configured `webhookSecret` travels with the request and signs
 * from then on). A subscription that exists already is reported, not duplicated. Not retried:
 * neither vendor deduplicates a create.
 */
export class WebhookRegistrar {
  constructor(
    private readonly vendors: ReadonlyMap<string, WebhookVendor>,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  async register(vendorId: string, baseUrl: string): Promise<WebhookRegistration[]> {
    const vendor = this.vendors.get(vendorId);
    if (!vendor) throw badUserInput(`Vendor "${vendorId}" cannot register webhooks: it needs platform shopify or woocommerce and a webhookSecret`, 'vendorId');
    const callbackUrl = `${baseUrl.replace(/\/+$/, '')}/webhooks/${vendorId}`;
    const ctx = backgroundCall(this.logger.child({ vendorId }), this.timeoutMs, 'register-webhooks');
    switch (vendor.platform) {
      case 'shopify': {
        const results: WebhookRegistration[] = [];
        for (const [topic, enumValue] of Object.entries(SHOPIFY_WEBHOOK_TOPICS)) {
          const data = await vendor.client.execute(ctx, WEBHOOK_SUBSCRIPTION_CREATE, { topic: enumValue, webhookSubscription: { uri: callbackUrl, format: 'JSON' } }, { cost: MUTATION_COST, idempotent: false });
          const payload = data.webhookSubscriptionCreate;
          const error = payload?.userErrors[0];
          const status = payload?.webhookSubscription
            ? WebhookRegistrationStatus.CREATED
            : error && /already been taken/i.test(error.message)
              ? WebhookRegistrationStatus.ALREADY_REGISTERED
              : WebhookRegistrationStatus.REFUSED;
          results.push({ vendorId, topic, callbackUrl, status, subscriptionId: payload?.webhookSubscription?.id ?? null, message: error?.message ?? null });
        }
        return results;
      }
      case 'woocommerce':
        return Promise.all(
          WOO_TOPICS.map(async (topic) => {
            const created = (await vendor.client.write(ctx, 'POST', '/webhooks', { name: `stockgraph ${vendorId} ${topic}`, topic, delivery_url: callbackUrl, secret: vendor.config.webhookSecret, status: 'active' }, 'createWebhook')) as { id?: unknown };
            if (typeof created?.id !== 'number') throw new GatewayError(ErrorCode.VENDOR_ERROR, `${vendorId} answered the webhook creation without an id`, { extensions: { vendorId } });
            return { vendorId, topic, callbackUrl, status: WebhookRegistrationStatus.CREATED, subscriptionId: String(created.id), message: null };
          }),
        );
      case 'custom':
        // The mapping declares how deliveries look, not how to subscribe: the vendor's own console does that.
        throw badUserInput(`Vendor "${vendorId}" is a custom vendor: point its webhooks at ${callbackUrl} in the vendor's own settings (the mapping declares no registration API)`, 'vendorId');
    }
  }
}
