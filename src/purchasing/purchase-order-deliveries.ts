import type { Logger } from 'pino';
import { ExponentialBackoff, handleType, retry, TaskCancelledError } from 'cockatiel';
import type { PurchasingConfig, SupplierConfig } from '../config/purchasing-config.ts';
import { DeliveryStatus, PurchaseOrderStatus, type PurchaseOrderRecord, type PurchaseOrderStore } from '../store/purchase-order-record.ts';
import { postSigned, submittedOrderBody, type AttemptResult } from './purchase-order-webhook.ts';

/** A retryable failed attempt (the only error the retry policy handles). */
class DeliveryFailed extends Error {}

/**
 * Sends submitted orders to `purchasing.webhookUrl`, signed, with retries: cockatiel's retry
 * policy with exponential backoff, handling only retryable failures (unreachable, timeout, 408,
 * 429, 5xx); a refusing 4xx ends the delivery at once. Every attempt is stored on the order
 * (`PurchaseOrder.deliveries`), so an ERP being down is visible, and the order stays SUBMITTED
 * whatever happens: delivery is a notification, not part of the order's state. Retries run in
 * the background, outside any request; after a restart `resumePending` picks up deliveries that
 * still have attempts left (counted from the stored ones).
 */
export class PurchaseOrderDeliveries {
  private readonly store: PurchaseOrderStore;
  private readonly config: PurchasingConfig;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly stop = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(options: { store: PurchaseOrderStore; config: PurchasingConfig; logger: Logger; now: () => number }) {
    this.store = options.store;
    this.config = options.config;
    this.logger = options.logger;
    this.now = options.now;
  }

  get enabled(): boolean {
    return this.config.webhookUrl !== undefined && this.config.webhookSecret !== undefined;
  }

  /** Starts delivering; resolves once the first attempt is stored (later ones run in the background). */
  deliver(order: PurchaseOrderRecord, supplier: SupplierConfig | null): Promise<void> {
    return this.start(order, supplier, this.config.deliveryAttempts);
  }

  /** Deliveries a previous process left unfinished: SUBMITTED orders not delivered, not refused, with attempts left. */
  async resumePending(supplierOf: (id: string) => SupplierConfig | null): Promise<number> {
    if (!this.enabled) return 0;
    let resumed = 0;
    let after: number | null = null;
    for (;;) {
      const page = await this.store.listPurchaseOrders({ statuses: [PurchaseOrderStatus.SUBMITTED] }, { first: 200, afterSequence: after });
      for (const order of page.orders) {
        const finished = order.deliveries.some((delivery) => delivery.status !== DeliveryStatus.FAILED);
        const left = this.config.deliveryAttempts - order.deliveries.length;
        if (finished || left <= 0) continue;
        void this.start(order, supplierOf(order.supplierId), left);
        resumed += 1;
      }
      if (!page.hasNextPage) return resumed;
      after = page.orders.at(-1)!.sequence;
    }
  }

  /** Resolves when every delivery under way has finished (delivered, refused or out of attempts). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stops background retries (shutdown) and waits for attempts in flight. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running]);
  }

  private start(order: PurchaseOrderRecord, supplier: SupplierConfig | null, attempts: number): Promise<void> {
    const { webhookUrl, webhookSecret } = this.config;
    if (!webhookUrl || !webhookSecret || this.stop.signal.aborted) return Promise.resolve();
    const body = submittedOrderBody(order, supplier);
    let firstDone: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (firstDone = resolve));
    const policy = retry(handleType(DeliveryFailed), {
      maxAttempts: attempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: this.config.deliveryInitialDelayMs, maxDelay: this.config.deliveryMaxDelayMs }),
    });
    const run = policy
      .execute(async ({ signal }) => {
        const result = await postSigned(webhookUrl, webhookSecret, order.id, body, AbortSignal.any([signal, AbortSignal.timeout(this.config.deliveryTimeoutMs)]));
        await this.record(order.id, result);
        firstDone();
        if (result.kind === 'failed') throw new DeliveryFailed(result.error);
      }, this.stop.signal)
      .catch((error: unknown) => {
        if (error instanceof TaskCancelledError) return;
        this.logger.warn({ purchaseOrderId: order.id, error: error instanceof Error ? error.message : String(error) }, 'purchase order delivery gave up');
      })
      .finally(() => {
        firstDone();
        this.running.delete(run);
      });
    this.running.add(run);
    return first;
  }

  private async record(orderId: string, result: AttemptResult): Promise<void> {
    const status = result.kind === 'delivered' ? DeliveryStatus.DELIVERED : result.kind === 'failed' ? DeliveryStatus.FAILED : DeliveryStatus.REJECTED;
    const error = result.kind === 'delivered' ? null : result.error;
    const attempt = await this.store
      .appendPurchaseOrderDelivery(orderId, { status, at: this.now(), httpStatus: result.httpStatus, error })
      .catch((failure: unknown) => {
        this.logger.error({ purchaseOrderId: orderId, status, error: failure instanceof Error ? failure.message : String(failure) }, 'delivery attempt not stored');
        return null;
      });
    const log = status === DeliveryStatus.DELIVERED ? this.logger.info.bind(this.logger) : this.logger.warn.bind(this.logger);
    log({ purchaseOrderId: orderId, attempt, status, httpStatus: result.httpStatus, error }, 'purchase order delivery attempt');
  }
}
