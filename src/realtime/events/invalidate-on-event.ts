import type { Logger } from 'pino';
import { invalidateStock } from '../../cache/invalidate-stock.ts';
import type { ReadCache } from '../../cache/read-cache.ts';
import type { InventoryEventBus } from '../inventory-event-bus.ts';

/**
 * Every event on the bus drops what the read cache holds about its product: events another
 * instance published (a shared bus) reach this instance's cache too. The publisher already
 * invalidated before publishing here, so for local events this is a cheap second delete.
 */
export function invalidateOnEvent(bus: InventoryEventBus, cache: ReadCache, logger: Logger): () => void {
  return bus.subscribe((event) => {
    invalidateStock({ cache }, [event.productId]).catch((error: unknown) => {
      logger.warn({ err: error, productId: event.productId }, 'could not drop a changed product from the read cache');
    });
  });
}
