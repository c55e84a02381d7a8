import type { Logger } from 'pino';
import { GatewayError } from '../errors/gateway-error.ts';
import { ErrorCode } from '../errors/error-code.ts';
import type { InventoryLevel, StandardProduct } from '../model/standard-model.ts';
import type { StateStore } from '../store/state-store.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import type { UpstreamCallContext, VendorSource } from '../vendors/vendor-source.ts';
import { levelSnapshot, levelSnapshotNamespace } from './level-snapshot.ts';
import { SingleFlight } from './single-flight.ts';
import type { StockChangeListener } from './stock-change-listener.ts';

export const SyncMode = { FULL: 'FULL', INCREMENTAL: 'INCREMENTAL' } as const;
export type SyncMode = (typeof SyncMode)[keyof typeof SyncMode];

/** What one vendor's sync pass saw. */
export interface VendorSyncReport {
  readonly vendorId: string;
  readonly mode: SyncMode;
  readonly productsSeen: number;
  readonly levelsSeen: number;
  /** Products whose levels differ from the stored snapshot (a product never seen before counts). */
  readonly changed: number;
  readonly pages: number;
  readonly durationMs: number;
  readonly errors: ReadonlyArray<{ readonly code: string; readonly message: string }>;
  /** Where the next incremental pass starts (max `updatedAt` seen); null = the next pass is full. */
  readonly cursor: string | null;
}

export interface InventorySyncOptions {
  readonly store: StateStore;
  readonly registry: VendorRegistry;
  readonly listener: StockChangeListener;
  readonly logger: Logger;
  /** Log progress every this many pages. */
  readonly progressEveryPages?: number;
  readonly now?: () => number;
}

/**
 * Brings the gateway's view of a vendor's stock up to date: the first pass (or `full`) lists the
 * whole catalog with levels; later passes list only products with `updatedSince` >= the stored
 * cursor. Products whose levels differ from the stored snapshot are reported to the listener
 * (cache invalidation). The cursor advances only when a pass completes without error, so a failed
 * pass is repeated, never skipped. Incremental passes see what the vendor's `updatedSince` reports:
 * where a vendor does not bump a product's timestamp on stock changes, run a full pass periodically.
 * Passes for one vendor never overlap (a second caller joins the running pass).
 */
export class InventorySync {
  private readonly flights = new SingleFlight<VendorSyncReport, boolean>();
  private readonly options: InventorySyncOptions;
  private readonly now: () => number;

  constructor(options: InventorySyncOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Syncs the given vendors in parallel; one report each, in the given order. */
  sync(callCtx: UpstreamCallContext, vendorIds: readonly string[], options: { full: boolean }): Promise<VendorSyncReport[]> {
    return Promise.all(
      vendorIds.map((vendorId) => {
        const running = this.flights.current(vendorId);
        if (running) return running.promise;
        return this.flights.start(vendorId, options.full, () => this.syncVendor(callCtx, this.options.registry.get(vendorId), options.full));
      }),
    );
  }

  private async syncVendor(callCtx: UpstreamCallContext, source: VendorSource, full: boolean): Promise<VendorSyncReport> {
    const { store, listener } = this.options;
    const vendorId = source.info.id;
    const logger = this.options.logger.child({ vendorId, operation: 'syncInventory' });
    const started = this.now();
    const stored = full ? null : await store.getSyncCursor(vendorId);
    const since = stored?.updatedSince ?? null;
    const mode = since ? SyncMode.INCREMENTAL : SyncMode.FULL;
    const progressEvery = this.options.progressEveryPages ?? 10;
    let maxUpdatedAt = since;
    let after: string | null = null;
    const counts = { productsSeen: 0, levelsSeen: 0, changed: 0, pages: 0 };
    const errors: Array<{ code: string; message: string }> = [];
    try {
      for (;;) {
        const page = await source.listProducts(callCtx, {
          first: source.limits.maxPageSize,
          after,
          filter: since ? { updatedSince: since } : {},
          includeInventoryLevels: true,
        });
        const withLevels = await this.levelsOf(callCtx, source, page.products, errors);
        const changedIds = await this.recordSnapshots(vendorId, withLevels);
        await listener.invalidate(changedIds);
        counts.pages += 1;
        counts.productsSeen += page.products.length;
        counts.levelsSeen += withLevels.reduce((sum, [, levels]) => sum + levels.length, 0);
        counts.changed += changedIds.length;
        for (const product of page.products) {
          if (product.updatedAt && (!maxUpdatedAt || Date.parse(product.updatedAt) > Date.parse(maxUpdatedAt))) maxUpdatedAt = product.updatedAt;
        }
        if (counts.pages % progressEvery === 0) logger.info({ mode, ...counts }, 'inventory sync progress');
        if (!page.hasNextPage || !page.endCursor) break;
        after = page.endCursor;
      }
    } catch (error) {
      errors.push(publicError(error, vendorId));
    }
    if (errors.length === 0 && maxUpdatedAt) await store.setSyncCursor(vendorId, { updatedSince: maxUpdatedAt, syncedAt: this.now() });
    const report: VendorSyncReport = { vendorId, mode, ...counts, durationMs: this.now() - started, errors, cursor: errors.length === 0 ? maxUpdatedAt : since };
    logger.info({ ...report, errors: errors.length }, 'inventory sync finished');
    return report;
  }

  /** Levels per product: inline when the page carried them, else one batched call for the rest. */
  private async levelsOf(
    callCtx: UpstreamCallContext,
    source: VendorSource,
    products: readonly StandardProduct[],
    errors: Array<{ code: string; message: string }>,
  ): Promise<Array<readonly [StandardProduct, readonly InventoryLevel[]]>> {
    const tracked = products.filter((product) => product.inventoryTracked);
    const missing = tracked.filter((product) => !product.inventoryLevels);
    const fetched = missing.length > 0 ? await source.inventoryLevels(callCtx, missing) : [];
    const byId = new Map<string, readonly InventoryLevel[]>();
    missing.forEach((product, index) => {
      const levels = fetched[index];
      if (levels instanceof Error || !levels) errors.push(publicError(levels, source.info.id));
      else byId.set(product.id, levels);
    });
    return tracked.flatMap((product) => {
      const levels = product.inventoryLevels ?? byId.get(product.id);
      return levels ? [[product, levels] as const] : [];
    });
  }

  private async recordSnapshots(vendorId: string, products: ReadonlyArray<readonly [StandardProduct, readonly InventoryLevel[]]>): Promise<string[]> {
    const namespace = levelSnapshotNamespace(vendorId);
    const previous = await this.options.store.getValues(namespace, products.map(([product]) => product.id));
    const changed: Array<readonly [string, string]> = [];
    for (const [product, levels] of products) {
      const snapshot = levelSnapshot(levels);
      if (previous.get(product.id) !== snapshot) changed.push([product.id, snapshot]);
    }
    if (changed.length > 0) await this.options.store.putValues(namespace, changed, this.now());
    return changed.map(([id]) => id);
  }
}

function publicError(error: unknown, vendorId: string): { code: string; message: string } {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  return { code: ErrorCode.VENDOR_ERROR, message: `${vendorId} failed during the inventory sync` };
}
