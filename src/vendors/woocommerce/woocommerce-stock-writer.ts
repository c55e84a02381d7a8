import { outcomeUnknownResult, readBackPersistently } from '../write-outcome.ts';
import { ErrorCode, UpstreamErrorClass } from '../../errors/error-code.ts';
import { UpstreamError } from '../../errors/gateway-error.ts';
import type { InventoryChange, InventoryChangeResult, UpstreamCallContext } from '../vendor-source.ts';
import { InventoryChangeStatus } from '../vendor-source.ts';
import type { KeyedMutex } from '../keyed-mutex.ts';
import type { WooCommerceClient } from './woocommerce-client.ts';
import { STOCK_FIELDS, WOO_MAX_BATCH, WOO_MAX_PER_PAGE, chunk, wooPaths } from './woocommerce-endpoints.ts';
import { WOO_LOCATION_ID, wooGmtToIso, wooStockLevel, type WooMappingContext } from './woocommerce-mapper.ts';
import { parseWooNativeId, refNativeId, type WooItemRef } from './woocommerce-native-id.ts';
import { parseWoo } from './woocommerce-parse.ts';
import { wooBatchResponseSchema, wooStockSchema, type WooStock } from './woocommerce-schemas.ts';

/** A change that passed validation, with the item whose stock it writes. */
interface Planned {
  readonly index: number;
  readonly change: InventoryChange;
  readonly ref: WooItemRef;
  readonly key: string;
}

/** A write to send: the absolute quantity one item must end at. */
interface Write {
  readonly planned: Planned;
  readonly before: number;
  readonly target: number;
}

/** Write-outcome classes that may have reached WooCommerce: the stock must be read back. */
const UNKNOWN_OUTCOME: ReadonlySet<UpstreamErrorClass> = new Set([
  UpstreamErrorClass.TIMEOUT,
  UpstreamErrorClass.NETWORK,
  UpstreamErrorClass.SERVER,
  UpstreamErrorClass.VALIDATION,
]);

/**
 * WooCommerce's stock write path (issue 6). WooCommerce stores one absolute `stock_quantity`
 * per item, offers no compare-and-set and no idempotency key, so:
 * 1. changes of the same item are serialized inside this process (KeyedMutex), and a call
 *    handles its changes in rounds so two changes of one item apply in order;
 * 2. each round reads the current stock fresh (`include` lists, `_fields` trimmed), answers
 *    CONFLICT without writing where `compareQuantity` differs, and turns deltas into absolutes;
 * 3. writes go out as one `PUT` when a round has a single write, else as `POST …/batch`
 *    (≤ 100 updates, one per endpoint); they are never retried (`idempotent: false`);
 * 4. a write whose outcome is unknown (timeout, reset, 5xx) is read back: the intended quantity
 *    means APPLIED, anything else FAILED with a retryable code — it is never sent twice.
 * (`inventory_delta`, which WooCommerce's update handler also accepts, is not used: it is a
 * non-atomic read-add-write on the server and cannot be verified after an unknown outcome.)
 * Writers in other processes are not serialized; a concurrent external change between the read
 * and the write is overwritten, as with any WooCommerce client.
 */
export class WooStockWriter {
  private readonly client: WooCommerceClient;
  private readonly mapping: WooMappingContext;
  private readonly locks: KeyedMutex;

  constructor(client: WooCommerceClient, mapping: WooMappingContext, locks: KeyedMutex) {
    this.client = client;
    this.mapping = mapping;
    this.locks = locks;
  }

  async apply(ctx: UpstreamCallContext, changes: readonly InventoryChange[]): Promise<InventoryChangeResult[]> {
    const results: Array<InventoryChangeResult | undefined> = changes.map(() => undefined);
    const planned: Planned[] = [];
    changes.forEach((change, index) => {
      const rejection = validate(change);
      const ref = parseWooNativeId(change.product.inventoryRef);
      if (rejection || !ref) results[index] = failed(rejection ?? invalid('not a WooCommerce product'), null, null);
      else planned.push({ index, change, ref, key: refNativeId(ref) });
    });
    for (const round of rounds(planned)) {
      await this.locks.runExclusive(
        round.map((item) => item.key),
        () => this.applyRound(ctx, round, results),
      );
    }
    return results.map((result) => result ?? failed(invalid('change was not processed'), null, null));
  }

  private async applyRound(ctx: UpstreamCallContext, round: Planned[], results: Array<InventoryChangeResult | undefined>): Promise<void> {
    let current: Map<string, WooStock>;
    try {
      current = await this.readStocks(ctx, round.map((item) => item.ref));
    } catch (error) {
      for (const item of round) results[item.index] = failed(fromError(error, 'could not read the current stock; nothing was written'), null, null);
      return;
    }
    const writes: Write[] = [];
    for (const item of round) {
      const stock = current.get(item.key);
      if (!stock) {
        results[item.index] = failed({ code: ErrorCode.NOT_FOUND, message: 'the product no longer exists at WooCommerce' }, null, null);
        continue;
      }
      if (stock.manage_stock === false) {
        results[item.index] = failed({ code: ErrorCode.VENDOR_REJECTED, message: 'WooCommerce does not manage stock for this product' }, null, null);
        continue;
      }
      const before = stock.stock_quantity ?? 0;
      const { change } = item;
      if (change.compareQuantity !== undefined && change.compareQuantity !== null && change.compareQuantity !== before) {
        results[item.index] = {
          status: InventoryChangeStatus.CONFLICT,
          before,
          after: before,
          level: this.level(item, before, stock.date_modified_gmt),
          error: { code: InventoryChangeStatus.CONFLICT, message: `expected ${String(change.compareQuantity)} available, found ${String(before)}; nothing was written` },
        };
        continue;
      }
      const target = change.mode === 'set' ? (change.quantity ?? before) : before + (change.delta ?? 0);
      if (target === before) results[item.index] = this.applied(item, before, target, stock.date_modified_gmt);
      else writes.push({ planned: item, before, target });
    }
    const groups = writeGroups(writes);
    await Promise.all(groups.map((group) => this.send(ctx, group, writes.length === 1, results)));
  }

  private async send(ctx: UpstreamCallContext, group: WriteGroup, single: boolean, results: Array<InventoryChangeResult | undefined>): Promise<void> {
    try {
      const answered = single ? await this.putOne(ctx, group) : await this.postBatch(ctx, group);
      for (const write of group.writes) {
        const outcome = answered.get(write.planned.ref.kind === 'product' ? write.planned.ref.productId : write.planned.ref.variationId);
        results[write.planned.index] =
          outcome && 'error' in outcome
            ? failed({ code: ErrorCode.VENDOR_REJECTED, message: `${outcome.error.message} (${outcome.error.code})` }, write.before, write.before)
            : outcome
              ? this.applied(write.planned, write.before, outcome.stock_quantity ?? write.target, outcome.date_modified_gmt)
              : failed({ code: ErrorCode.VENDOR_ERROR, message: 'WooCommerce did not report this item in its answer' }, write.before, null);
      }
    } catch (error) {
      if (error instanceof UpstreamError && UNKNOWN_OUTCOME.has(error.errorClass)) return this.readBack(ctx, group, error, results);
      for (const write of group.writes) results[write.planned.index] = failed(fromError(error, 'the write was refused'), write.before, write.before);
    }
  }

  /** The write may or may not have happened: the stock now decides, never a second send. */
  private async readBack(ctx: UpstreamCallContext, group: WriteGroup, cause: UpstreamError, results: Array<InventoryChangeResult | undefined>): Promise<void> {
    ctx.logger.warn({ vendorId: this.mapping.vendorId, errorClass: cause.errorClass, items: group.writes.length }, 'woocommerce stock write outcome unknown; reading back');
    let now: Map<string, WooStock>;
    try {
      now = await readBackPersistently(() => this.readStocks(ctx, group.writes.map((write) => write.planned.ref)), ctx.deadline);
    } catch {
      for (const write of group.writes) {
        results[write.planned.index] = outcomeUnknownResult(write.before, null, `${cause.message}; the stock could not be read back`);
      }
      return;
    }
    for (const write of group.writes) {
      const stock = now.get(write.planned.key);
      const quantity = stock?.stock_quantity ?? null;
      results[write.planned.index] =
        stock && quantity === write.target
          ? this.applied(write.planned, write.before, quantity, stock.date_modified_gmt)
          : quantity === write.before
            ? failed({ code: cause.code, message: `the write did not take effect (read back ${String(quantity)}, intended ${String(write.target)}); safe to retry` }, write.before, quantity)
            : outcomeUnknownResult(write.before, quantity, `${cause.message}; read back ${String(quantity)}, neither the value before (${String(write.before)}) nor the target (${String(write.target)})`);
    }
  }

  private async putOne(ctx: UpstreamCallContext, group: WriteGroup): Promise<Map<number, BatchOutcome>> {
    const write = group.writes[0];
    if (!write) return new Map();
    const { ref } = write.planned;
    const path = ref.kind === 'product' ? wooPaths.product(ref.productId) : wooPaths.variation(ref.productId, ref.variationId);
    const body = await this.client.write(ctx, 'PUT', path, { stock_quantity: write.target }, 'updateStock');
    const stock = parseWoo(wooStockSchema, body, 'updateStock', this.mapping.vendorId);
    return new Map([[stock.id, stock]]);
  }

  private async postBatch(ctx: UpstreamCallContext, group: WriteGroup): Promise<Map<number, BatchOutcome>> {
    const update = group.writes.map((write) => ({ id: itemId(write.planned.ref), stock_quantity: write.target }));
    const body = await this.client.write(ctx, 'POST', group.batchPath, { update }, 'batchUpdateStock');
    const answer = parseWoo(wooBatchResponseSchema, body, 'batchUpdateStock', this.mapping.vendorId);
    return new Map(answer.update.map((item) => [item.id, item]));
  }

  /** Current stock of each item, keyed by native id: products by `include`, variations per parent. */
  private async readStocks(ctx: UpstreamCallContext, refs: readonly WooItemRef[]): Promise<Map<string, WooStock>> {
    const productIds = [...new Set(refs.filter((ref) => ref.kind === 'product').map((ref) => ref.productId))];
    const byParent = new Map<number, number[]>();
    for (const ref of refs) if (ref.kind === 'variation') byParent.set(ref.productId, [...(byParent.get(ref.productId) ?? []), ref.variationId]);
    const reads = [
      ...chunk(productIds, WOO_MAX_PER_PAGE).map(async (ids) => ({
        parent: null,
        body: await this.client.getAll(ctx, wooPaths.products(), { include: ids.join(','), _fields: STOCK_FIELDS }, 'readStock'),
      })),
      ...[...byParent].flatMap(([parent, ids]) =>
        chunk([...new Set(ids)], WOO_MAX_PER_PAGE).map(async (group) => ({
          parent,
          body: await this.client.getAll(ctx, wooPaths.variations(parent), { include: group.join(','), _fields: STOCK_FIELDS }, 'readStock'),
        })),
      ),
    ];
    const stocks = new Map<string, WooStock>();
    for (const { parent, body } of await Promise.all(reads)) {
      for (const stock of parseWoo(wooStockSchema.array(), body, 'readStock', this.mapping.vendorId)) {
        stocks.set(parent === null ? String(stock.id) : `${String(parent)}:${String(stock.id)}`, stock);
      }
    }
    return stocks;
  }

  private applied(item: Planned, before: number, after: number, modifiedGmt: string | null | undefined): InventoryChangeResult {
    return { status: InventoryChangeStatus.APPLIED, before, after, level: this.level(item, after, modifiedGmt), error: null };
  }

  private level(item: Planned, available: number, modifiedGmt: string | null | undefined) {
    const { product } = item.change;
    return wooStockLevel(product.id, product.nativeId, available, wooGmtToIso(modifiedGmt), this.mapping);
  }
}

type BatchOutcome = WooStock | { id: number; error: { code: string; message: string } };

interface WriteGroup {
  readonly batchPath: string;
  readonly writes: readonly Write[];
}

/** One batch endpoint per group (products, or one parent's variations), at most 100 updates each. */
function writeGroups(writes: readonly Write[]): WriteGroup[] {
  const byPath = new Map<string, Write[]>();
  for (const write of writes) {
    const { ref } = write.planned;
    const path = ref.kind === 'product' ? wooPaths.productsBatch() : wooPaths.variationsBatch(ref.productId);
    byPath.set(path, [...(byPath.get(path) ?? []), write]);
  }
  return [...byPath].flatMap(([batchPath, list]) => chunk(list, WOO_MAX_BATCH).map((group) => ({ batchPath, writes: group })));
}

/** Splits changes so each round touches an item at most once, keeping their order per item. */
function rounds(planned: readonly Planned[]): Planned[][] {
  const result: Planned[][] = [];
  const seen = new Map<string, number>();
  for (const item of planned) {
    const round = seen.get(item.key) ?? 0;
    seen.set(item.key, round + 1);
    (result[round] ??= []).push(item);
  }
  return result;
}

function itemId(ref: WooItemRef): number {
  return ref.kind === 'product' ? ref.productId : ref.variationId;
}

function validate(change: InventoryChange): { code: string; message: string } | null {
  if (change.locationNativeId !== WOO_LOCATION_ID) {
    return { code: ErrorCode.NOT_FOUND, message: `WooCommerce keeps one stock per item; the only location is "${WOO_LOCATION_ID}"` };
  }
  if (!change.product.inventoryTracked) return { code: ErrorCode.VENDOR_REJECTED, message: 'WooCommerce does not manage stock for this product' };
  const amount = change.mode === 'set' ? change.quantity : change.delta;
  if (amount === undefined || !Number.isSafeInteger(amount)) return invalid(`${change.mode === 'set' ? 'quantity' : 'delta'} must be an integer`);
  return null;
}

function invalid(message: string): { code: string; message: string } {
  return { code: ErrorCode.BAD_USER_INPUT, message };
}

function failed(error: { code: string; message: string }, before: number | null, after: number | null): InventoryChangeResult {
  return { status: InventoryChangeStatus.FAILED, before, after, level: null, error };
}

function fromError(error: unknown, fallback: string): { code: string; message: string } {
  if (error instanceof UpstreamError) return { code: error.code, message: `${error.message}; ${fallback}` };
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: fallback };
}
