import type { InventoryChangeEvent, InventoryChangeSource, InventoryEventBus } from '../inventory-event-bus.ts';
import type { InventoryEventPublisher } from './inventory-event-publisher.ts';

/**
 * A bus for producers that see levels rather than changes (sync jobs): what they publish goes
 * through the publisher's level knowledge first, so a level the gateway already knew (its own
 * mutation, a webhook that came first) is not told twice, and the event's `before` is what the
 * gateway knew. Subscribing reads the real bus.
 */
export function observedChangeBus(bus: InventoryEventBus, publisher: InventoryEventPublisher, source: InventoryChangeSource): InventoryEventBus {
  return {
    async publish(events: readonly InventoryChangeEvent[]): Promise<void> {
      const byVendor = new Map<string, InventoryChangeEvent[]>();
      for (const event of events) byVendor.set(event.vendorId, [...(byVendor.get(event.vendorId) ?? []), event]);
      for (const [vendorId, vendorEvents] of byVendor) {
        await publisher.publishObserved(
          source,
          vendorId,
          vendorEvents.map((event) => ({ vendorId, productId: event.productId, locationId: event.locationId, available: event.after, updatedAt: null, sku: event.sku })),
        );
      }
    },
    subscribe: (listener) => bus.subscribe(listener),
    close: async () => undefined,
  };
}
