import type { Logger } from 'pino';
import type { ReadCache } from '../cache/read-cache.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import type { FlagService } from '../flags/flag-service.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import type { StateStore } from '../store/state-store.ts';
import { StockoutJournal } from '../store/stockout-journal.ts';
import type { VendorDeps } from '../vendors/vendor-deps.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import { InventoryEventPublisher } from './events/inventory-event-publisher.ts';
import { invalidateOnEvent } from './events/invalidate-on-event.ts';
import { LevelKnowledge } from './events/level-knowledge.ts';
import { SkuIndex } from './events/sku-index.ts';
import type { InventoryEventBus } from './inventory-event-bus.ts';
import { MagentoStockPoller } from './polling/magento-stock-poller.ts';
import { schedulePolling, type PollSchedule } from './polling/poll-schedule.ts';
import { pollerCaller } from './polling/poller-caller.ts';
import { WebhookRegistrar } from './registration/webhook-registration.ts';
import { BoundedQueue } from './webhooks/bounded-queue.ts';
import { DeliveryLog } from './webhooks/delivery-log.ts';
import { webhookVendors } from './webhooks/vendor-webhook-clients.ts';
import { buildWebhookProtocols } from './webhooks/webhook-protocols.ts';
import { WebhookReceiver } from './webhooks/webhook-receiver.ts';

const HOUR_MS = 3_600_000;

export interface RealtimeDeps {
  readonly bus: InventoryEventBus;
  readonly registry: VendorRegistry;
  readonly store: StateStore;
  readonly cache: ReadCache;
  readonly flags: FlagService;
  readonly logger: Logger;
  readonly vendorDeps: (vendorId: string) => VendorDeps;
}

/** The real-time parts of a running gateway: the bus, what publishes to it, webhooks and polling. */
export interface RealtimeServices {
  /** Every stock change the gateway hears of (subscriptions read it; syncs publish SYNC events to it). */
  readonly bus: InventoryEventBus;
  readonly publisher: InventoryEventPublisher;
  readonly webhooks: WebhookReceiver;
  readonly registrar: WebhookRegistrar;
  /** Magento pollers by vendor id (`pollOnce` for tests and the command line). */
  readonly pollers: ReadonlyMap<string, MagentoStockPoller>;
  /** Starts polling every Magento vendor at its `pollEverySeconds`; stopped by `close`. */
  startPolling(): void;
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
    stockouts: new StockoutJournal(deps.store),
  });
  const stopInvalidating = invalidateOnEvent(deps.bus, deps.cache, logger);
  const vendors = webhookVendors(config.vendors, deps.vendorDeps);
  const webhooks = new WebhookReceiver({
    protocols: buildWebhookProtocols(vendors, { store: deps.store, logger, timeoutMs }),
    deliveries: new DeliveryLog(deps.store, config.realtime.deliveryTtlHours * HOUR_MS),
    publisher,
    queue: new BoundedQueue({ concurrency: config.realtime.webhookConcurrency, capacity: config.realtime.webhookQueueCapacity }),
    logger: logger.child({ component: 'webhooks' }),
  });
  const pollers = new Map<string, MagentoStockPoller>();
  const intervals = new Map<string, number>();
  for (const vendor of config.vendors) {
    const source = deps.registry.find(vendor.id);
    if (vendor.platform !== 'magento' || !source) continue;
    pollers.set(vendor.id, new MagentoStockPoller(source, publisher, deps.store, logger.child({ vendorId: vendor.id }), timeoutMs));
    intervals.set(vendor.id, vendor.pollEverySeconds * 1000);
  }
  const schedules: PollSchedule[] = [];
  return {
    bus: deps.bus,
    publisher,
    webhooks,
    registrar: new WebhookRegistrar(vendors, logger, timeoutMs),
    pollers,
    startPolling() {
      for (const [vendorId, poller] of pollers) {
        const enabled = () => deps.flags.forCaller(pollerCaller(vendorId)).isOn(FeatureFlag.REAL_TIME_SYNC);
        schedules.push(schedulePolling(() => poller.pollOnce(), { everyMs: intervals.get(vendorId) ?? 30_000, enabled, logger: logger.child({ vendorId }) }));
      }
    },
    async close() {
      await Promise.all(schedules.map((schedule) => schedule.stop()));
      stopInvalidating();
      await publisher.idle();
      await deps.bus.close();
      await Promise.all([...vendors.values()].map((vendor) => vendor.client.close()));
    },
  };
}
