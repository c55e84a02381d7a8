import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { invalidateStock } from '../../cache/invalidate-stock.ts';
import type { ReadCache } from '../../cache/read-cache.ts';
import type { AppliedStockChange, StockChangeListener } from '../../stock-changes/stock-change-listener.ts';
import { InventoryChangeSource, type InventoryChangeEvent, type InventoryEventBus } from '../inventory-event-bus.ts';
import type { LevelKnowledge, LevelObservation, ObservedChange } from './level-knowledge.ts';
import { SerialLanes } from './serial-lanes.ts';
import type { SkuIndex } from './sku-index.ts';
import type { StockoutJournal } from '../../store/stockout-journal.ts';

export interface InventoryEventPublisherDeps {
  readonly bus: InventoryEventBus;
  readonly knowledge: LevelKnowledge;
  readonly skus: SkuIndex;
  readonly cache: ReadCache;
  readonly logger: Logger;
  /** Where levels reaching and leaving 0 are remembered (demand on a day without stock is censored). */
  readonly stockouts?: StockoutJournal;
}

/**
 * Turns what the gateway learns about stock into bus events: levels observed at a vendor
 * (WEBHOOK, POLL, SYNC) become events only when newer than and different from what was known;
 * the gateway's own applied mutations become MUTATION events (and are remembered, so the vendor's
 * echo of the same write is not a second event). The read cache forgets a product before its
 * event is published, so a subscriber that reads the product on the event sees the new stock.
 */
export class InventoryEventPublisher {
  private readonly deps: InventoryEventPublisherDeps;
  private readonly lanes = new SerialLanes();
  private skuFilters = 0;

  constructor(deps: InventoryEventPublisherDeps) {
    this.deps = deps;
  }

  /** Answers the events published (an empty list when nothing was news). */
  publishObserved(source: InventoryChangeSource, vendorId: string, observations: readonly LevelObservation[]): Promise<InventoryChangeEvent[]> {
    return this.lanes.run(vendorId, async () => {
      const changes = await this.deps.knowledge.observe(observations);
      if (changes.length === 0) return [];
      const events = await this.toEvents(changes, source, observedEventId);
      await invalidateStock(this.deps, events.map((event) => event.productId));
      await this.deps.stockouts?.record(events);
      await this.deps.bus.publish(events);
      return events;
    });
  }

  /** Remembers levels without publishing them (a poller's first pass). */
  recordBaseline(vendorId: string, observations: readonly LevelObservation[]): Promise<void> {
    return this.lanes.run(vendorId, () => this.deps.knowledge.record(observations));
  }

  /** Subscribe this to the inventory service's stock changes (MUTATION events). */
  readonly mutationListener: StockChangeListener = {
    invalidate: () => undefined,
    applied: (changes) => this.publishApplied(changes),
  };

  /**
   * A subscription that filters by SKU says so while it lasts: only then is an unknown SKU of a
   * MUTATION event read from the vendor (otherwise a write would cost an extra vendor read).
   * Answers the function that ends the interest.
   */
  watchSkus(): () => void {
    this.skuFilters += 1;
    let ended = false;
    return () => {
      if (!ended) this.skuFilters -= 1;
      ended = true;
    };
  }

  /** Resolves when every publication started so far is done (tests, shutdown). */
  idle(): Promise<void> {
    return this.lanes.idle();
  }

  private async publishApplied(applied: readonly AppliedStockChange[]): Promise<void> {
    const byVendor = new Map<string, AppliedStockChange[]>();
    applied.forEach((change) => byVendor.set(change.vendorId, [...(byVendor.get(change.vendorId) ?? []), change]));
    await Promise.all(
      [...byVendor].map(([vendorId, changes]) =>
        this.lanes.run(vendorId, async () => {
          const observed = changes.map((change) => ({ ...change, available: change.after, updatedAt: change.occurredAt }));
          await this.deps.knowledge.record(observed);
          await this.deps.stockouts?.record(observed);
          await this.deps.bus.publish(await this.toEvents(observed, InventoryChangeSource.MUTATION, () => randomUUID()));
        }),
      ),
    );
  }

  private async toEvents(
    changes: readonly ObservedChange[],
    source: InventoryChangeSource,
    idOf: (change: ObservedChange) => string,
  ): Promise<InventoryChangeEvent[]> {
    changes.forEach((change) => change.sku !== undefined && this.deps.skus.remember(change.productId, change.sku));
    const skus = await this.deps.skus.skusOf(changes.filter((change) => change.sku === undefined).map((change) => change.productId), this.skuFilters > 0);
    return changes.map((change) => ({
      eventId: idOf(change),
      vendorId: change.vendorId,
      productId: change.productId,
      sku: change.sku !== undefined ? change.sku : (skus.get(change.productId) ?? null),
      locationId: change.locationId,
      before: change.before,
      after: change.available,
      source,
      occurredAt: change.occurredAt,
    }));
  }
}

/** The same vendor change seen by two instances (or twice) gets the same id, so a bus drops the copy. */
function observedEventId(change: ObservedChange): string {
  return createHash('sha256').update(`${change.vendorId}\u0000${change.productId}\u0000${change.locationId}\u0000${change.available}\u0000${change.occurredAt}`).digest('base64url');
}
