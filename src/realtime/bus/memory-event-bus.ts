import type { Logger } from 'pino';
import type { InventoryChangeEvent, InventoryEventBus } from '../inventory-event-bus.ts';
import { RecentIds } from './recent-ids.ts';

/**
 * The one-process bus: `publish` hands every event to every listener synchronously, in order,
 * and resolves once all have it. An event id already delivered is dropped, so a change reported
 * twice (a retried webhook that slipped past deduplication, a mutation the vendor echoes) reaches
 * each subscriber once. A listener that throws is logged and does not stop the others.
 */
export class MemoryInventoryEventBus implements InventoryEventBus {
  private readonly listeners = new Set<(event: InventoryChangeEvent) => void>();
  private readonly delivered: RecentIds;
  private readonly logger: Logger;
  private closed = false;

  constructor(logger: Logger, options: { readonly rememberIds?: number } = {}) {
    this.logger = logger;
    this.delivered = new RecentIds(options.rememberIds ?? 10_000);
  }

  async publish(events: readonly InventoryChangeEvent[]): Promise<void> {
    if (this.closed) return;
    for (const event of events) {
      if (!this.delivered.add(event.eventId)) continue;
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error, eventId: event.eventId }, 'an inventory event listener failed');
        }
      }
    }
  }

  subscribe(listener: (event: InventoryChangeEvent) => void): () => void {
    // Wrapped so the same function subscribed twice is two listeners, each removed on its own.
    const entry = (event: InventoryChangeEvent): void => listener(event);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }
}
