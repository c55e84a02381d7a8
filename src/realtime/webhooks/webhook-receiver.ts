import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { InventoryChangeSource } from '../inventory-event-bus.ts';
import type { InventoryEventPublisher } from '../events/inventory-event-publisher.ts';
import type { BoundedQueue} from './bounded-queue.ts';
import { QueueFullError } from './bounded-queue.ts';
import type { DeliveryLog } from './delivery-log.ts';
import type { WebhookProtocol } from './webhook-protocol.ts';

export interface WebhookAnswer {
  readonly status: number;
  readonly body: { readonly status: string; readonly events?: number; readonly message?: string };
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WebhookReceiverDeps {
  readonly protocols: ReadonlyMap<string, WebhookProtocol>;
  readonly deliveries: DeliveryLog;
  readonly publisher: InventoryEventPublisher;
  readonly queue: BoundedQueue;
  readonly logger: Logger;
}

/**
 * POST /webhooks/<vendorId>, after the body was read raw (the route bounds its size):
 * 1. unknown vendor, or one without a webhook secret: 404;
 * 2. signature checked over the raw bytes before anything is parsed: 401, logged without the body;
 * 3. the queue is full: 503 with Retry-After (the vendor retries later);
 * 4. a delivery already applied (durable log, or one still running here): 200, applied once;
 * 5. a topic the gateway does not use: 200, ignored; a body that is not the topic's shape: 400;
 * 6. otherwise the levels go through the publisher (older than known: ignored) and the delivery
 *    is remembered only after its events were published, so a failure answers 500 and the
 *    vendor's retry applies it.
 */
export class WebhookReceiver {
  private readonly deps: WebhookReceiverDeps;
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(deps: WebhookReceiverDeps) {
    this.deps = deps;
  }

  knows(vendorId: string): boolean {
    return this.deps.protocols.has(vendorId);
  }

  get busy(): boolean {
    return this.deps.queue.full;
  }

  async receive(vendorId: string, headers: IncomingHttpHeaders, rawBody: Buffer): Promise<WebhookAnswer> {
    const protocol = this.deps.protocols.get(vendorId);
    if (!protocol) return { status: 404, body: { status: 'unknown-vendor', message: `No vendor "${vendorId}" receives webhooks here` } };
    const logger = this.deps.logger.child({ vendorId });
    if (!protocol.verify(headers, rawBody)) {
      logger.warn({ bytes: rawBody.length }, 'webhook refused: missing or bad signature');
      return { status: 401, body: { status: 'unauthorized', message: 'missing or invalid signature' } };
    }
    const delivery = protocol.delivery(headers);
    try {
      return await this.deps.queue.run(() => this.once(protocol, delivery.dedupeKeys, () => this.apply(protocol, delivery.topic, delivery.dedupeKeys, rawBody, logger)));
    } catch (error) {
      if (error instanceof QueueFullError) {
        logger.warn({ topic: delivery.topic }, 'webhook deferred: queue full');
        return { status: 503, body: { status: 'busy', message: 'too many deliveries; retry later' }, headers: { 'retry-after': String(error.retryAfterSeconds) } };
      }
      logger.error({ err: error, topic: delivery.topic }, 'webhook could not be applied; the vendor will retry');
      return { status: 500, body: { status: 'error', message: 'the delivery could not be applied; retry later' } };
    }
  }

  /** A delivery whose key is being applied right now waits for that run, then finds it logged. */
  private async once(protocol: WebhookProtocol, keys: readonly string[], apply: () => Promise<WebhookAnswer>): Promise<WebhookAnswer> {
    const runKeys = keys.map((key) => `${protocol.vendorId}\u0000${key}`);
    const earlier = runKeys.map((key) => this.running.get(key)).filter((run) => run !== undefined);
    if (earlier.length > 0) await Promise.allSettled(earlier);
    if (await this.deps.deliveries.seen(protocol.vendorId, keys)) return { status: 200, body: { status: 'duplicate' } };
    const run = apply();
    runKeys.forEach((key) => this.running.set(key, run));
    try {
      return await run;
    } finally {
      runKeys.forEach((key) => this.running.get(key) === run && this.running.delete(key));
    }
  }

  private async apply(protocol: WebhookProtocol, topic: string, keys: readonly string[], rawBody: Buffer, logger: Logger): Promise<WebhookAnswer> {
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch {
      // WooCommerce pings a new webhook with a form body `webhook_id=<id>`; nothing to apply.
      logger.info({ topic }, 'webhook body is not JSON; acknowledged and ignored');
      return { status: 200, body: { status: 'ignored' } };
    }
    let observations;
    try {
      observations = await protocol.observe(topic, payload);
    } catch (error) {
      if (isShapeError(error)) {
        logger.warn({ topic }, 'webhook body does not have the topic\'s shape');
        return { status: 400, body: { status: 'bad-payload', message: `the body is not a ${topic} payload` } };
      }
      throw error;
    }
    if (observations === null) {
      await this.deps.deliveries.remember(protocol.vendorId, keys);
      return { status: 200, body: { status: 'ignored' } };
    }
    const events = observations.length > 0 ? await this.deps.publisher.publishObserved(InventoryChangeSource.WEBHOOK, protocol.vendorId, observations) : [];
    await this.deps.deliveries.remember(protocol.vendorId, keys);
    logger.info({ topic, levels: observations.length, events: events.length }, 'webhook applied');
    return { status: 200, body: { status: 'applied', events: events.length } };
  }
}

function isShapeError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ZodError';
}
