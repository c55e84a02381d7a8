import type { Logger } from 'pino';
import type { ReadCache } from '../cache/read-cache.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { StateStore } from '../store/state-store.ts';
import type { VendorDeps } from '../vendors/vendor-deps.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import { InventoryEventPublisher } from './events/inventory-event-publisher.ts';
import { invalidateOnEvent } from './events/invalidate-on-event.ts';
import { LevelKnowledge } from './events/level-knowledge.ts';
import { SkuIndex } from './events/sku-index.ts';
import type { InventoryEventBus } from './inventory-event-bus.ts';
import { BoundedQueue } from './webhooks/bounded-queue.ts';
import { DeliveryLog } from './webhooks/delivery-log.ts';
import { buildWebhookProtocols } from './webhooks/webhook-protocols.ts';
import { WebhookReceiver } from './webhooks/webhook-receiver.ts';

const HOUR_MS = 3_600_000;

export interface RealtimeDeps {
  readonly bus: InventoryEventBus;
  readonly registry: VendorRegistry;
  readonly store: StateStore;
  readonly cache: ReadCache;
  readonly logger: Logger;
  readonly vendorDeps: (vendorId: string) => VendorDeps;
}

/** The real-time parts of a running gateway: the bus, what publishes to it, the webhook intake. */
export interface RealtimeServices {
  /** Every stock change the gateway hears of (subscriptions read it; syncs publish SYNC events to it). */
  readonly bus: InventoryEventBus;
  readonly publisher: InventoryEventPublisher;
  readonly webhooks: WebhookReceiver;
  close(): Promise<void>;
}

export function createRealtimeServices(config: GatewayConfig, deps: RealtimeDeps): RealtimeServices {
  const logger = deps.logger.child({ component: 'realtime' });
  const timeoutMs = config.limits.requestTimeoutMs;
  const publisher = new InventoryEventPublisher({
    bus: deps.bus,
    knowledge: new LevelKnowledge(deps.store),
    skus: new SkuIndex(deps.registry, logger, timeoutMs),
    cache: deps.cache,
    logger,
  });
  const stopInvalidating = invalidateOnEvent(deps.bus, deps.cache, logger);
  const webhooks = new WebhookReceiver({
    protocols: buildWebhookProtocols(config.vendors, { store: deps.store, logger, timeoutMs, vendorDeps: deps.vendorDeps }),
    deliveries: new DeliveryLog(deps.store, config.realtime.deliveryTtlHours * HOUR_MS),
    publisher,
    queue: new BoundedQueue({ concurrency: config.realtime.webhookConcurrency, capacity: config.realtime.webhookQueueCapacity }),
    logger: logger.child({ component: 'webhooks' }),
  });
  return {
    bus: deps.bus,
    publisher,
    webhooks,
    async close() {
      stopInvalidating();
      await publisher.idle();
      await deps.bus.close();
    },
  };
}
