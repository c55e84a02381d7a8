import { createHmac } from 'node:crypto';
import { SimWebhookSender, type SimWebhookTarget } from '../sim-webhook-sender.ts';
import type { DropshipItem, DropshipStockEntry } from './custom-sim-catalog.ts';

/** Dropship Co's webhook headers and topic (the demo mapping's `webhook` section declares them). */
export const DROPSHIP_WEBHOOK = {
  signatureHeader: 'X-Dropship-Signature',
  signaturePrefix: 'sha256=',
  topicHeader: 'X-Dropship-Event',
  deliveryHeader: 'X-Dropship-Delivery',
  stockTopic: 'stock.changed',
} as const;

/**
 * Dropship Co's webhooks: after a stock change the feed POSTs
 * `{ "event": "stock.changed", "data": [{ product_id, sku, warehouse, available, updated_at }] }`
 * signed with `X-Dropship-Signature: sha256=<hex HMAC-SHA256 of the body>`; a retry resends the
 * same body with the same `X-Dropship-Delivery` id. Targets are set with `sendTo` (no API: a
 * supplier's console would do it).
 */
export class DropshipSimWebhooks {
  readonly sender = new SimWebhookSender(({ topic, body, target, webhookId }) => ({
    [DROPSHIP_WEBHOOK.signatureHeader]: `${DROPSHIP_WEBHOOK.signaturePrefix}${createHmac('sha256', target.secret).update(body).digest('hex')}`,
    [DROPSHIP_WEBHOOK.topicHeader]: topic,
    [DROPSHIP_WEBHOOK.deliveryHeader]: webhookId,
  }));

  /** Deliver stock changes to `url`, signed with `secret`. */
  sendTo(url: string, secret: string): SimWebhookTarget {
    return this.sender.addTarget({ topic: DROPSHIP_WEBHOOK.stockTopic, url, secret });
  }

  stockChanged(item: DropshipItem, entry: DropshipStockEntry, changedAt: Date): void {
    this.sender.emit(DROPSHIP_WEBHOOK.stockTopic, {
      event: DROPSHIP_WEBHOOK.stockTopic,
      data: [{ product_id: item.id, sku: item.sku, warehouse: entry.warehouse.code, available: entry.available, updated_at: changedAt.toISOString() }],
    });
  }
}
