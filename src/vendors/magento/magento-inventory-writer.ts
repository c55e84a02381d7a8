import { outcomeUnknownResult, readBackPersistently } from '../write-outcome.ts';
import { ErrorCode, UpstreamErrorClass } from '../../errors/error-code.ts';
import { GatewayError, UpstreamError } from '../../errors/gateway-error.ts';
import type { InventoryLevel } from '../../model/standard-model.ts';
import {
  InventoryChangeStatus,
  type InventoryChange,
  type InventoryChangeResult,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import type { MagentoCatalogReader } from './magento-catalog-reader.ts';
import type { MagentoClient } from './magento-client.ts';
import type { MagentoVendorConfig } from './magento-config.ts';
import { LEGACY_STOCK_ITEM_OPERATION, legacyStockItemPath, MagentoEndpoint } from './magento-endpoints.ts';
import { KeyedMutex } from '../keyed-mutex.ts';
import { sourceItemLevel } from './magento-mapper.ts';
import type { MagentoStockDirectory, MagentoStockLayout } from './magento-stock-directory.ts';

/** Time kept back from the caller's deadline for reading a level back after a write timed out. */
const READ_BACK_RESERVE_MS = 2_000;

interface LevelKey {
  readonly key: string;
  readonly sku: string;
  readonly source: string;
}

interface CurrentLevel {
  readonly quantity: number;
  /** Legacy stock item id (needed in the PUT path). */
  readonly itemId?: number;
}

interface Planned {
  readonly index: number;
  readonly level: LevelKey;
  readonly change: InventoryChange;
  readonly before: number;
  readonly after: number;
}

type WriteOutcome = { readonly applied: true } | { readonly applied: false; readonly code: string; readonly message: string; readonly unknown?: boolean };

/**
 * Stock writes. Magento has neither compare-and-set nor idempotency keys on stock, so:
 * - changes are serialized per (sku, source) inside this process (KeyedMutex);
 * - the levels are read fresh under the lock; `compareQuantity` is checked against that read
 *   (mismatch → CONFLICT, nothing written); deltas become absolute targets from that read;
 * - absolute targets are written (MSI: POST /V1/inventory/source-items in batches of the
 *   synchronous input-list limit; legacy: PUT /V1/products/{sku}/stockItems/{itemId}), marked
 *   NOT idempotent so no policy ever resends them blindly;
 * - when a write's outcome is unknown (timeout, reset, 5xx) the levels are read back: the target
 *   value means applied, the old value means not applied (the client may retry), anything else
 *   is reported as a failure with the observed value. A change is never sent twice.
 */
export class MagentoInventoryWriter {
  private readonly client: MagentoClient;
  private readonly config: MagentoVendorConfig;
  private readonly directory: MagentoStockDirectory;
  private readonly reader: MagentoCatalogReader;
  private readonly locks = new KeyedMutex();

  constructor(client: MagentoClient, config: MagentoVendorConfig, directory: MagentoStockDirectory, reader: MagentoCatalogReader) {
    this.client = client;
    this.config = config;
    this.directory = directory;
    this.reader = reader;
  }

  async apply(ctx: UpstreamCallContext, changes: readonly InventoryChange[]): Promise<InventoryChangeResult[]> {
    const layout = await this.directory.layout(ctx);
    const results: Array<InventoryChangeResult | undefined> = changes.map(() => undefined);
    const accepted: Array<{ index: number; change: InventoryChange; level: LevelKey }> = [];
    changes.forEach((change, index) => {
      const problem = validate(change, layout);
      if (problem) results[index] = failed(problem.code, problem.message);
      else accepted.push({ index, change, level: levelKey(change.product.inventoryRef, change.locationNativeId) });
    });
    if (accepted.length > 0) {
      await this.locks.runExclusive(accepted.map((a) => a.level.key), async () => {
        for (const [index, result] of await this.applyLocked(ctx, layout, accepted)) results[index] = result;
      });
    }
    return results.map((result) => result ?? failed(ErrorCode.INTERNAL_SERVER_ERROR, 'change was not processed'));
  }

  private async applyLocked(
    ctx: UpstreamCallContext,
    layout: MagentoStockLayout,
    accepted: ReadonlyArray<{ index: number; change: InventoryChange; level: LevelKey }>,
  ): Promise<Map<number, InventoryChangeResult>> {
    const out = new Map<number, InventoryChangeResult>();
    const levels = uniqueLevels(accepted.map((a) => a.level));
    let fresh: Map<string, CurrentLevel>;
    try {
      fresh = await this.readLevels(ctx, layout, levels);
    } catch (error) {
      const { code, message } = describe(error);
      for (const a of accepted) out.set(a.index, failed(code, `could not read the current level, nothing was changed: ${message}`));
      return out;
    }

    const running = new Map([...fresh].map(([key, level]) => [key, level.quantity]));
    const planned: Planned[] = [];
    for (const { index, change, level } of accepted) {
      if (!fresh.has(level.key)) {
        out.set(index, failed(ErrorCode.NOT_FOUND, `${this.config.id} has no stock for SKU "${level.sku}"`));
        continue;
      }
      const current = running.get(level.key) ?? 0;
      if (change.compareQuantity !== undefined && change.compareQuantity !== null && change.compareQuantity !== current) {
        out.set(index, {
          status: InventoryChangeStatus.CONFLICT,
          before: current,
          after: current,
          level: this.level(change, level, current, layout),
          error: { code: InventoryChangeStatus.CONFLICT, message: `expected quantity ${change.compareQuantity}, found ${current}; nothing was changed` },
        });
        continue;
      }
      const after = change.mode === 'set' ? (change.quantity ?? current) : current + (change.delta ?? 0);
      running.set(level.key, after);
      planned.push({ index, level, change, before: current, after });
    }

    const targets = levels
      .filter((level) => planned.some((p) => p.level.key === level.key) && running.get(level.key) !== fresh.get(level.key)?.quantity)
      .map((level) => ({ level, quantity: running.get(level.key) ?? 0, itemId: fresh.get(level.key)?.itemId }));
    const outcomes = layout.mode === 'msi' ? await this.writeSourceItems(ctx, layout, targets, fresh) : await this.writeLegacy(ctx, layout, targets, fresh);

    for (const p of planned) {
      const outcome = outcomes.get(p.level.key) ?? { applied: true }; // no write needed: the level already had its target
      out.set(
        p.index,
        outcome.applied
          ? { status: InventoryChangeStatus.APPLIED, before: p.before, after: p.after, level: this.level(p.change, p.level, p.after, layout), error: null }
          : outcome.unknown
            ? outcomeUnknownResult(p.before, null, outcome.message)
            : { status: InventoryChangeStatus.FAILED, before: p.before, after: null, level: null, error: { code: outcome.code, message: outcome.message } },
      );
    }
    return out;
  }

  private async writeSourceItems(
    ctx: UpstreamCallContext,
    layout: MagentoStockLayout,
    targets: ReadonlyArray<{ level: LevelKey; quantity: number }>,
    fresh: ReadonlyMap<string, CurrentLevel>,
  ): Promise<Map<string, WriteOutcome>> {
    const outcomes = new Map<string, WriteOutcome>();
    for (let start = 0; start < targets.length; start += this.config.inputListLimit) {
      const batch = targets.slice(start, start + this.config.inputListLimit);
      const sourceItems = batch.map((t) => ({
        sku: t.level.sku,
        source_code: t.level.source,
        quantity: t.quantity,
        // MSI keeps an explicit in/out-of-stock flag per source item; it follows the new quantity.
        status: t.quantity > 0 ? 1 : 0,
      }));
      try {
        await this.client.call(writeContext(ctx), { method: 'POST', path: MagentoEndpoint.SOURCE_ITEMS_SAVE.path, body: { sourceItems }, operation: MagentoEndpoint.SOURCE_ITEMS_SAVE.operation, idempotent: false });
        for (const t of batch) outcomes.set(t.level.key, { applied: true });
      } catch (error) {
        for (const [key, outcome] of await this.resolveFailedWrite(ctx, layout, batch, fresh, error)) outcomes.set(key, outcome);
      }
    }
    return outcomes;
  }

  private async writeLegacy(
    ctx: UpstreamCallContext,
    layout: MagentoStockLayout,
    targets: ReadonlyArray<{ level: LevelKey; quantity: number; itemId?: number }>,
    fresh: ReadonlyMap<string, CurrentLevel>,
  ): Promise<Map<string, WriteOutcome>> {
    const outcomes = new Map<string, WriteOutcome>();
    // The legacy API has no batch write: one PUT per SKU.
    for (const t of targets) {
      try {
        await this.client.call(writeContext(ctx), {
          method: 'PUT',
          path: legacyStockItemPath(t.level.sku, t.itemId ?? 0),
          body: { stockItem: { qty: t.quantity, is_in_stock: t.quantity > 0 } },
          operation: LEGACY_STOCK_ITEM_OPERATION,
          idempotent: false,
        });
        outcomes.set(t.level.key, { applied: true });
      } catch (error) {
        for (const [key, outcome] of await this.resolveFailedWrite(ctx, layout, [t], fresh, error)) outcomes.set(key, outcome);
      }
    }
    return outcomes;
  }

  /** A refused write changed nothing; a write with an unknown outcome is decided by reading the levels back. */
  private async resolveFailedWrite(
    ctx: UpstreamCallContext,
    layout: MagentoStockLayout,
    batch: ReadonlyArray<{ level: LevelKey; quantity: number }>,
    fresh: ReadonlyMap<string, CurrentLevel>,
    error: unknown,
  ): Promise<Map<string, WriteOutcome>> {
    const { code, message } = describe(error);
    const outcomes = new Map<string, WriteOutcome>();
    if (!outcomeUnknown(error)) {
      for (const t of batch) outcomes.set(t.level.key, { applied: false, code, message: `${message}; nothing was changed` });
      return outcomes;
    }
    ctx.logger.warn({ vendorId: this.config.id, levels: batch.length }, 'magento stock write outcome unknown; reading the levels back');
    let observed: Map<string, CurrentLevel>;
    try {
      const readCtx = readBackContext(ctx);
      observed = await readBackPersistently(() => this.readLevels(readCtx, layout, batch.map((t) => t.level)), readCtx.deadline);
    } catch {
      for (const t of batch) outcomes.set(t.level.key, { applied: false, unknown: true, code, message: `${message}; the level could not be read back` });
      return outcomes;
    }
    for (const t of batch) {
      const now = observed.get(t.level.key)?.quantity;
      if (now === t.quantity) outcomes.set(t.level.key, { applied: true });
      else if (now === fresh.get(t.level.key)?.quantity) outcomes.set(t.level.key, { applied: false, code, message: `${message}; read back: not applied, safe to retry` });
      else outcomes.set(t.level.key, { applied: false, unknown: true, code, message: `${message}; read back: the level is now ${String(now)}, changed by someone else` });
    }
    return outcomes;
  }

  /** Current quantities: MSI source items in one `in` request per chunk, or legacy stock items from the product search. */
  private async readLevels(ctx: UpstreamCallContext, layout: MagentoStockLayout, levels: readonly LevelKey[]): Promise<Map<string, CurrentLevel>> {
    const skus = levels.map((level) => level.sku);
    const current = new Map<string, CurrentLevel>();
    if (layout.mode === 'msi') {
      const items = await this.reader.sourceItems(ctx, skus);
      const products = await this.knownSkus(ctx, levels, items);
      for (const level of levels) {
        const item = items.get(level.sku.toLowerCase())?.find((i) => i.source_code === level.source);
        // A product not yet assigned to a source has no source item there: its quantity is 0.
        if (item || products.has(level.sku.toLowerCase())) current.set(level.key, { quantity: item?.quantity ?? 0 });
      }
      return current;
    }
    const products = await this.reader.productsWhere(ctx, 'sku', skus);
    for (const level of levels) {
      const product = products.get(level.sku.toLowerCase());
      if (product instanceof Error) throw product;
      const stockItem = product?.extension_attributes?.stock_item;
      if (stockItem) current.set(level.key, { quantity: stockItem.qty ?? 0, itemId: stockItem.item_id });
    }
    return current;
  }

  /** SKUs without any source item: ask the catalog whether they exist at all (rare; no request otherwise). */
  private async knownSkus(ctx: UpstreamCallContext, levels: readonly LevelKey[], items: ReadonlyMap<string, unknown>): Promise<Set<string>> {
    const missing = levels.filter((level) => !items.has(level.sku.toLowerCase())).map((level) => level.sku);
    if (missing.length === 0) return new Set();
    const products = await this.reader.productsWhere(ctx, 'sku', missing);
    return new Set([...products.entries()].filter(([, p]) => !(p instanceof Error)).map(([key]) => key));
  }

  private level(change: InventoryChange, level: LevelKey, quantity: number, layout: MagentoStockLayout): InventoryLevel {
    return sourceItemLevel(this.config.id, change.product, { source_code: level.source, quantity }, layout.sourceNames.get(level.source) ?? level.source);
  }
}

function validate(change: InventoryChange, layout: MagentoStockLayout): { code: string; message: string } | null {
  if (!change.product.inventoryRef) return { code: ErrorCode.BAD_USER_INPUT, message: 'the product has no SKU to change stock for' };
  if (!layout.sourceNames.has(change.locationNativeId)) {
    return { code: ErrorCode.NOT_FOUND, message: `no ${layout.mode === 'msi' ? 'source' : 'stock'} "${change.locationNativeId}" at this vendor` };
  }
  const value = change.mode === 'set' ? change.quantity : change.delta;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { code: ErrorCode.BAD_USER_INPUT, message: change.mode === 'set' ? '`quantity` is required for set' : '`delta` is required for adjust' };
  }
  return null;
}

function levelKey(sku: string, source: string): LevelKey {
  return { key: `${sku.toLowerCase()}\u0000${source}`, sku, source };
}

function uniqueLevels(levels: readonly LevelKey[]): LevelKey[] {
  return [...new Map(levels.map((level) => [level.key, level])).values()];
}

function failed(code: string, message: string): InventoryChangeResult {
  return { status: InventoryChangeStatus.FAILED, before: null, after: null, level: null, error: { code, message } };
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'unexpected error' };
}

/** The request may have reached Magento and been applied: timeouts, dropped connections, 5xx. */
function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  return error.errorClass === UpstreamErrorClass.TIMEOUT || error.errorClass === UpstreamErrorClass.NETWORK || error.errorClass === UpstreamErrorClass.SERVER;
}

/** The write gives up early enough to leave time for a read-back inside the caller's deadline. */
function writeContext(ctx: UpstreamCallContext): UpstreamCallContext {
  const remaining = ctx.deadline - Date.now();
  // Whole milliseconds: deadlines are integer epoch ms (AbortSignal.timeout rejects fractions).
  return { ...ctx, deadline: Date.now() + Math.max(1, Math.floor(remaining - Math.min(READ_BACK_RESERVE_MS, remaining / 3))) };
}

/**
 * The read-back runs even if the caller has gone: its answer decides what the idempotency
 * record says happened. It gets its own short deadline and is not tied to the caller's signal.
 */
function readBackContext(ctx: UpstreamCallContext): UpstreamCallContext {
  return { ...ctx, signal: new AbortController().signal, deadline: Math.max(ctx.deadline, Date.now() + READ_BACK_RESERVE_MS) };
}
