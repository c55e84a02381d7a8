import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../simulator-server.ts';
import { SimWebhookSender } from '../sim-webhook-sender.ts';
import { wooError } from './woocommerce-sim-errors.ts';

/** Topics WooCommerce accepts for `POST /webhooks` (resource.event, plus action.* hooks). */
const VALID_TOPICS = new Set([
  'coupon.created', 'coupon.updated', 'coupon.deleted', 'coupon.restored',
  'customer.created', 'customer.updated', 'customer.deleted',
  'order.created', 'order.updated', 'order.deleted', 'order.restored',
  'product.created', 'product.updated', 'product.deleted', 'product.restored',
]);

/**
 * WooCommerce webhooks as the simulated store runs them: created with `POST /wp-json/wc/v3/webhooks`
 * (`topic`, `delivery_url`, `secret`; a read/write key), delivered as the REST v3 body of the
 * resource with `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the body with the webhook's
 * secret, and a fresh `X-WC-Webhook-Delivery-ID` on every attempt (WC_Webhook::deliver logs
 * each attempt as its own delivery).
 */
export class WooSimWebhooks {
  readonly sender: SimWebhookSender;
  private seq = 0;
  private readonly hooks: Array<Record<string, unknown>> = [];

  constructor(sourceUrl: () => string, now: () => number) {
    this.now = now;
    this.sender = new SimWebhookSender(({ topic, signature, target }) => {
      const [resource, event] = topic.split('.');
      return {
        'x-wc-webhook-source': `${sourceUrl()}/`,
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-resource': resource ?? '',
        'x-wc-webhook-event': event ?? '',
        'x-wc-webhook-signature': signature,
        'x-wc-webhook-id': target.id,
        'x-wc-webhook-delivery-id': randomUUID(),
      };
    });
  }

  private readonly now: () => number;

  /** `POST /webhooks`. */
  create(body: unknown): SimResponse {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const topic = typeof fields.topic === 'string' ? fields.topic : '';
    if (!VALID_TOPICS.has(topic) && !/^action\.[a-z0-9_]+$/.test(topic)) {
      return wooError(400, 'woocommerce_rest_webhook_invalid_topic', 'Webhook topic is required and must be valid.');
    }
    const deliveryUrl = typeof fields.delivery_url === 'string' ? fields.delivery_url : '';
    if (!/^https?:\/\/[^\s]+$/.test(deliveryUrl)) {
      return wooError(400, 'woocommerce_rest_webhook_invalid_delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://.');
    }
    const secret = typeof fields.secret === 'string' && fields.secret !== '' ? fields.secret : randomUUID();
    const id = 100 + ++this.seq;
    const created = new Date(this.now()).toISOString().slice(0, 19);
    const hook = {
      id,
      name: typeof fields.name === 'string' ? fields.name : `Webhook created on ${created}`,
      status: typeof fields.status === 'string' ? fields.status : 'active',
      topic,
      resource: topic.split('.')[0],
      event: topic.split('.')[1],
      hooks: [`woocommerce_${topic.replace('.', '_')}`],
      delivery_url: deliveryUrl,
      date_created: created,
      date_created_gmt: created,
      date_modified: created,
      date_modified_gmt: created,
    };
    this.hooks.push(hook);
    if (hook.status === 'active') this.sender.addTarget({ id: String(id), topic, url: deliveryUrl, secret });
    return { status: 201, body: hook };
  }

  list(): SimResponse {
    return { status: 200, body: this.hooks };
  }

  /** Delivers `product.updated` with the product's REST body (a variation is rendered as a product). */
  productUpdated(payload: Record<string, unknown>): void {
    this.sender.emit('product.updated', payload);
  }

  subscribe(topic: string, url: string, secret: string): void {
    this.sender.addTarget({ id: String(100 + ++this.seq), topic, url, secret });
  }
}
