import { levelSnapshot, levelSnapshotNamespace } from '../stock-changes/level-snapshot.ts';
import type { StockChangeListener } from '../stock-changes/stock-change-listener.ts';
import type { InventoryLevel, StandardProduct } from '../model/standard-model.ts';
import { InventoryChangeSource, type InventoryChangeEvent, type InventoryEventBus } from '../realtime/inventory-event-bus.ts';
import type { StateStore } from '../store/state-store.ts';
import type { UpstreamCallContext, VendorSource } from '../vendors/vendor-source.ts';

export interface PageChanges {
  readonly levelsSeen: number;
  /** Products whose levels differ from the stored snapshot (a product never seen before counts). */
  readonly changedProductIds: readonly string[];
  /** Levels that differ from what the gateway knew (products it knew before only). */
  readonly events: readonly InventoryChangeEvent[];
}

export interface PageChangeDeps {
  readonly store: StateStore;
  readonly listener: StockChangeListener;
  readonly bus?: InventoryEventBus | undefined;
  readonly now: () => number;
}

type Snapshot = Array<[locationId: string, available: number | null, onHand: number | null]>;

/**
 * What one page of a sync job changed, told to everyone who cares, then remembered: events are
 * published and the read cache is invalidated BEFORE the snapshots are stored, so a job stopped in
 * between re-reads the page and tells again (event ids are derived from the job and the new value,
 * so a bus drops the repeat) instead of never telling. A product seen for the first time has no
 * "before" the gateway knew: it is invalidated but not published as a change.
 */
export async function recordPageChanges(
  deps: PageChangeDeps,
  callCtx: UpstreamCallContext,
  source: VendorSource,
  jobId: string,
  products: readonly StandardProduct[],
): Promise<PageChanges> {
  const withLevels = await levelsOf(callCtx, source, products);
  const vendorId = source.info.id;
  const namespace = levelSnapshotNamespace(vendorId);
  const previous = await deps.store.getValues(namespace, withLevels.map(([product]) => product.id));
  const snapshots: Array<readonly [string, string]> = [];
  const events: InventoryChangeEvent[] = [];
  const fallbackInstant = new Date(deps.now()).toISOString();
  for (const [product, levels] of withLevels) {
    const snapshot = levelSnapshot(levels);
    const before = previous.get(product.id);
    if (before === snapshot) continue;
    snapshots.push([product.id, snapshot]);
    if (before !== undefined) events.push(...levelEvents(jobId, vendorId, product, levels, parseSnapshot(before), fallbackInstant));
  }
  const changedProductIds = snapshots.map(([id]) => id);
  if (events.length > 0 && deps.bus) await deps.bus.publish(events);
  await deps.listener.invalidate(changedProductIds);
  if (snapshots.length > 0) await deps.store.putValues(namespace, snapshots, deps.now());
  return { levelsSeen: withLevels.reduce((sum, [, levels]) => sum + levels.length, 0), changedProductIds, events };
}

/** Levels per tracked product: inline when the page carried them, else one batched call for the rest. */
async function levelsOf(
  callCtx: UpstreamCallContext,
  source: VendorSource,
  products: readonly StandardProduct[],
): Promise<Array<readonly [StandardProduct, readonly InventoryLevel[]]>> {
  const tracked = products.filter((product) => product.inventoryTracked);
  const missing = tracked.filter((product) => !product.inventoryLevels);
  const fetched = missing.length > 0 ? await source.inventoryLevels(callCtx, missing) : [];
  const byId = new Map<string, readonly InventoryLevel[]>();
  missing.forEach((product, index) => {
    const levels = fetched[index];
    // A product whose levels could not be read fails the page: it is read again, never skipped.
    if (levels instanceof Error) throw levels;
    if (levels) byId.set(product.id, levels);
  });
  return tracked.flatMap((product) => {
    const levels = product.inventoryLevels ?? byId.get(product.id);
    return levels ? [[product, levels] as const] : [];
  });
}

function levelEvents(
  jobId: string,
  vendorId: string,
  product: StandardProduct,
  levels: readonly InventoryLevel[],
  before: Snapshot | null,
  fallbackInstant: string,
): InventoryChangeEvent[] {
  const known = new Map((before ?? []).map(([locationId, available]) => [locationId, available] as const));
  return levels.flatMap((level) => {
    const previous = known.has(level.locationId) ? (known.get(level.locationId) ?? null) : null;
    if (known.has(level.locationId) && previous === level.available) return [];
    return [
      {
        eventId: `sync:${jobId}:${product.id}:${level.locationId}:${String(level.available)}`,
        vendorId,
        productId: product.id,
        sku: product.sku,
        locationId: level.locationId,
        before: previous,
        after: level.available,
        source: InventoryChangeSource.SYNC,
        occurredAt: level.updatedAt ?? product.updatedAt ?? fallbackInstant,
      },
    ];
  });
}

function parseSnapshot(text: string): Snapshot | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as Snapshot) : null;
  } catch {
    return null;
  }
}
