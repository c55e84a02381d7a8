import type { Logger } from 'pino';
import type { StateStore } from '../../store/state-store.ts';
import type { VendorSource } from '../../vendors/vendor-source.ts';
import { backgroundCall } from '../events/background-call.ts';
import type { InventoryEventPublisher } from '../events/inventory-event-publisher.ts';
import type { LevelObservation } from '../events/level-knowledge.ts';
import { InventoryChangeSource } from '../inventory-event-bus.ts';

export const pollCursorNamespace = 'realtime-poll-cursors';

export interface PollReport {
  readonly products: number;
  readonly events: number;
}

/**
 * Magento's open-source edition sends no webhooks, so its stock is polled: products with
 * `updated_at >= cursor` (GTEQ, so a change in the cursor's own second is not missed; the level
 * knowledge drops what is not news), their levels compared with what the gateway knew, POLL events
 * for the ones that moved. The cursor is this poller's own (not the sync job's) and lives in the
 * store. The first pass ever reads the whole catalog and only records it (with nothing known,
 * every level of a product whose `updated_at` moved would look like news).
 */
export class MagentoStockPoller {
  constructor(
    private readonly source: VendorSource,
    private readonly publisher: InventoryEventPublisher,
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async pollOnce(): Promise<PollReport> {
    const vendorId = this.source.info.id;
    const startedAt = new Date(this.now()).toISOString();
    const cursor = (await this.store.getValues(pollCursorNamespace, [vendorId])).get(vendorId) ?? null;
    const ctx = backgroundCall(this.logger, this.timeoutMs, 'magento-poll');
    let after: string | null = null;
    let products = 0;
    let events = 0;
    let newest = cursor ?? startedAt;
    for (;;) {
      const page = await this.source.listProducts(ctx, { first: this.source.limits.maxPageSize, after, filter: cursor ? { updatedSince: cursor } : {}, includeInventoryLevels: true });
      const tracked = page.products.filter((product) => product.inventoryTracked);
      const missing = tracked.filter((product) => !product.inventoryLevels);
      const fetched = missing.length > 0 ? await this.source.inventoryLevels(ctx, missing) : [];
      const observations: LevelObservation[] = [];
      tracked.forEach((product) => {
        const index = missing.indexOf(product);
        const levels = product.inventoryLevels ?? (index >= 0 ? fetched[index] : undefined);
        if (!levels || levels instanceof Error) return;
        for (const level of levels) {
          observations.push({ vendorId, productId: product.id, locationId: level.locationId, sku: product.sku, available: level.available, updatedAt: product.updatedAt ?? level.updatedAt });
        }
        if (cursor && product.updatedAt && Date.parse(product.updatedAt) > Date.parse(newest)) newest = product.updatedAt;
      });
      products += page.products.length;
      if (cursor) events += (await this.publisher.publishObserved(InventoryChangeSource.POLL, vendorId, observations)).length;
      else await this.publisher.recordBaseline(vendorId, observations);
      if (!page.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
    await this.store.putValues(pollCursorNamespace, [[vendorId, newest]], this.now());
    return { products, events };
  }
}
