import { UpstreamErrorClass } from '../../src/errors/error-code.ts';
import { UpstreamError } from '../../src/errors/gateway-error.ts';
import { levelGlobalId, locationGlobalId, productGlobalId } from '../../src/model/global-id.ts';
import { Platform } from '../../src/model/platform.ts';
import type { InventoryLevel, StandardProduct } from '../../src/model/standard-model.ts';
import { refused, settledPlan, type FixedResult } from '../../src/vendors/stock-writes/phased-writes.ts';
import {
  InventoryChangeStatus,
  StockChangeRefusalCode,
  type InventoryChange,
  type InventoryChangeResult,
  type InventoryWriteOptions,
  type StockWritePlanner,
  type UpstreamCallContext,
  type VendorSource,
} from '../../src/vendors/vendor-source.ts';

/**
 * How the fake vendor writes, modelled on the real ones:
 * - `deduplicating` (Shopify): atomic adjust/set-with-compare at the vendor, and a re-send under
 *   the same idempotency key is answered from the vendor's memory without applying again. The
 *   source may therefore throw after the vendor applied (a timeout): the gateway re-sends later.
 * - `compare-and-set` (WooCommerce, Magento, custom): the vendor only knows "write this absolute
 *   value"; the source reads, then writes with a compare, serialized per (item, location). When a
 *   response is lost it reads the level back to learn the outcome, and never throws after a write.
 */
export type WriteStyle = 'deduplicating' | 'compare-and-set';

/** Whole-call fault: the request never reaches the vendor, or (deduplicating only) it is applied and the answer is lost. */
export type CallFault = 'none' | 'unreachable' | 'applied-then-timeout';
/** Per-change fault (compare-and-set only): the write is applied but its answer lost, or it times out before the vendor. */
export type ChangeFault = 'none' | 'lost-response' | 'timeout-not-applied';

export interface FaultPlan {
  forCall?(call: number): CallFault;
  forChange?(call: number, position: number): ChangeFault;
}

export interface FakeWritableSourceOptions {
  readonly products: number;
  readonly locations?: readonly string[];
  readonly initialStock?: (productIndex: number, locationIndex: number) => number;
  readonly writeStyle?: WriteStyle;
  /** Product indexes (0-based) whose stock the vendor does not track. */
  readonly untracked?: readonly number[];
  readonly faults?: FaultPlan;
  readonly maxPageSize?: number;
}

const CLOCK_START = Date.UTC(2026, 10, 1);

/**
 * An in-memory vendor with real stock state behind a VendorSource that writes like the real
 * sources do (see WriteStyle), with fault injection and call counters.
 */
export function fakeWritableSource(vendorId: string, options: FakeWritableSourceOptions) {
  const locations = options.locations ?? ['main'];
  const writeStyle = options.writeStyle ?? 'compare-and-set';
  const untracked = new Set(options.untracked ?? []);
  const calls = { listProducts: 0, countProducts: 0, productsByNativeIds: 0, productsBySkus: 0, inventoryLevels: 0, commits: 0, changesSent: 0 };
  /** Effective stock writes at the vendor (what a real vendor would log). */
  const vendorWrites: Array<{ key: string; before: number; after: number }> = [];
  const stock = new Map<string, number>();
  const updatedAt = new Map<string, string>();
  let clock = 0;
  const tick = () => new Date(CLOCK_START + (clock += 1) * 1000).toISOString();
  const nativeIds = Array.from({ length: options.products }, (_, index) => String(index + 1));
  nativeIds.forEach((nativeId, productIndex) => {
    locations.forEach((location, locationIndex) => stock.set(`${nativeId}@${location}`, options.initialStock?.(productIndex, locationIndex) ?? 100));
    updatedAt.set(nativeId, tick());
  });
  const dedupe = new Map<string, InventoryChangeResult>();
  const locks = new Map<string, Promise<void>>();

  const levelOf = (nativeId: string, location: string): InventoryLevel => ({
    id: levelGlobalId(vendorId, nativeId, location),
    productId: productGlobalId(vendorId, nativeId),
    locationId: locationGlobalId(vendorId, location),
    locationName: `Location ${location}`,
    available: stock.get(`${nativeId}@${location}`)!,
    onHand: null,
    updatedAt: updatedAt.get(nativeId) ?? null,
  });
  const productOf = (nativeId: string, withLevels: boolean): StandardProduct => ({
    id: productGlobalId(vendorId, nativeId),
    vendorId,
    nativeId,
    sku: `SKU-${nativeId}`,
    name: `${vendorId} item ${nativeId}`,
    parentNativeId: null,
    price: { amount: '9.99', currencyCode: 'USD' },
    cost: null,
    status: 'ACTIVE',
    barcode: null,
    inventoryTracked: !untracked.has(Number(nativeId) - 1),
    updatedAt: updatedAt.get(nativeId) ?? null,
    inventoryRef: nativeId,
    ...(withLevels ? { inventoryLevels: locations.map((location) => levelOf(nativeId, location)) } : {}),
  });
  /** The vendor side: one write, bumping the product's updatedAt. */
  const vendorWrite = (nativeId: string, location: string, next: number) => {
    const key = `${nativeId}@${location}`;
    vendorWrites.push({ key, before: stock.get(key)!, after: next });
    stock.set(key, next);
    updatedAt.set(nativeId, tick());
  };
  const timeout = () => new UpstreamError(`${vendorId} timed out`, { vendorId, errorClass: UpstreamErrorClass.TIMEOUT });
  const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => current);
    locks.set(key, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (locks.get(key) === chained) locks.delete(key);
    }
  }

  /** Deduplicating vendor: atomic at the vendor, remembers each (key, item, location). */
  function applyDeduplicating(change: InventoryChange, writeOptions: InventoryWriteOptions): InventoryChangeResult {
    const nativeId = change.product.nativeId;
    const dedupeKey = `${writeOptions.idempotencyKey}|${nativeId}|${change.locationNativeId}`;
    const remembered = dedupe.get(dedupeKey);
    if (remembered) return remembered;
    const before = stock.get(`${nativeId}@${change.locationNativeId}`)!;
    let result: InventoryChangeResult;
    if (change.compareQuantity !== null && change.compareQuantity !== undefined && change.compareQuantity !== before) {
      result = conflict(before);
    } else {
      const after = change.mode === 'set' ? change.quantity! : before + change.delta!;
      vendorWrite(nativeId, change.locationNativeId, after);
      result = applied(before, after, levelOf(nativeId, change.locationNativeId));
    }
    dedupe.set(dedupeKey, result);
    return result;
  }

  /** Compare-and-set vendor behind an honest source: read, CAS, read back when the answer is lost. */
  async function applyCompareAndSet(change: InventoryChange, fault: ChangeFault): Promise<InventoryChangeResult> {
    const nativeId = change.product.nativeId;
    const key = `${nativeId}@${change.locationNativeId}`;
    return withLock(key, async () => {
      const before = stock.get(key)!;
      await yieldToOthers(); // the read's round-trip
      if (change.compareQuantity !== null && change.compareQuantity !== undefined && change.compareQuantity !== before) return conflict(before);
      const after = change.mode === 'set' ? change.quantity! : before + change.delta!;
      if (fault === 'timeout-not-applied') {
        // The write never reached the vendor; the read-back shows the old level.
        return stock.get(key) === before ? failed(timeout()) : applied(before, after, levelOf(nativeId, change.locationNativeId));
      }
      if (stock.get(key) !== before) return conflict(stock.get(key)!); // the vendor's CAS (nothing else writes while locked)
      vendorWrite(nativeId, change.locationNativeId, after);
      await yieldToOthers();
      if (fault === 'lost-response') {
        // The answer was lost: read back. Serialized per key, so the level is ours or untouched.
        return stock.get(key) === after ? applied(before, after, levelOf(nativeId, change.locationNativeId)) : failed(timeout());
      }
      return applied(before, after, levelOf(nativeId, change.locationNativeId));
    });
  }

  /**
   * The fake's phased writes: `plan` reads the products in one batched call (a real source's
   * prepare read) and refuses what the vendor would; `commit` is one write call (`send`). The
   * compare-and-set style serializes inside `send`, so there is no lock to take here.
   */
  const stockWrites: StockWritePlanner = {
    async plan(ctx: UpstreamCallContext, requests, writeOptions) {
      const found = await source.productsByNativeIds(ctx, requests.map((request) => request.productNativeId));
      const slots = requests.map((request, index): FixedResult | InventoryChange => {
        const product = found[index];
        if (!product || product instanceof Error) return refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, 'No product with this ID');
        if (!product.inventoryTracked) return refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, 'The vendor does not track stock for this product');
        if (!locations.includes(request.locationNativeId)) return refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, 'The product is not stocked at this location');
        const { productNativeId: _id, product: _known, ...change } = request;
        return { ...change, product };
      });
      const ready = slots.filter((slot): slot is InventoryChange => 'product' in slot);
      return settledPlan({
        refusals: slots.map((slot) => ('refusal' in slot ? slot.refusal : null)),
        async commit() {
          const results = ready.length > 0 ? await send(ready, writeOptions) : [];
          let position = 0;
          return slots.map((slot) => ('product' in slot ? results[position++]! : slot.fixed));
        },
      });
    },
  };

  const source: VendorSource = {
    info: { id: vendorId, name: `Fake ${vendorId}`, platform: Platform.CUSTOM },
    limits: { maxPageSize: options.maxPageSize ?? 10, maxBatchSize: 50 },
    async listProducts(_ctx, request) {
      calls.listProducts += 1;
      const since = request.filter.updatedSince ? Date.parse(request.filter.updatedSince) : null;
      const matching = nativeIds.filter((id) => since === null || Date.parse(updatedAt.get(id)!) >= since);
      const start = request.after ? Number(request.after) : 0;
      const page = matching.slice(start, start + request.first);
      const end = start + page.length;
      return { products: page.map((id) => productOf(id, request.includeInventoryLevels)), endCursor: String(end), hasNextPage: end < matching.length };
    },
    async countProducts() {
      calls.countProducts += 1;
      return nativeIds.length;
    },
    async productsByNativeIds(_ctx, ids) {
      calls.productsByNativeIds += 1;
      return ids.map((id) => (stockHasProduct(id) ? productOf(id, true) : null));
    },
    async productsBySkus(_ctx, skus) {
      calls.productsBySkus += 1;
      return skus.map((sku) => nativeIds.filter((id) => `SKU-${id}` === sku).map((id) => productOf(id, true)));
    },
    async inventoryLevels(_ctx, products) {
      calls.inventoryLevels += 1;
      return products.map((product) => locations.map((location) => levelOf(product.nativeId, location)));
    },
    stockWrites,
  };

  /** The vendor's write call: one per commit, with the call-level and per-change faults of the plan. */
  async function send(changes: readonly InventoryChange[], writeOptions: InventoryWriteOptions): Promise<InventoryChangeResult[]> {
    calls.commits += 1;
    calls.changesSent += changes.length;
    const call = calls.commits;
    const callFault = options.faults?.forCall?.(call) ?? 'none';
    await yieldToOthers();
    if (callFault === 'unreachable') {
      throw new UpstreamError(`${vendorId} could not be reached (ECONNRESET)`, { vendorId, errorClass: UpstreamErrorClass.NETWORK });
    }
    if (writeStyle === 'deduplicating') {
      const results = changes.map((change) => applyDeduplicating(change, writeOptions));
      if (callFault === 'applied-then-timeout') throw timeout();
      return results;
    }
    if (callFault === 'applied-then-timeout') throw new Error('a compare-and-set source never throws after a write (it reads back)');
    return Promise.all(changes.map((change, position) => applyCompareAndSet(change, options.faults?.forChange?.(call, position) ?? 'none')));
  }


  function stockHasProduct(nativeId: string): boolean {
    return updatedAt.has(nativeId);
  }

  return {
    source,
    calls,
    vendorWrites,
    productId: (index: number) => productGlobalId(vendorId, nativeIds[index]!),
    locationId: (location = locations[0]!) => locationGlobalId(vendorId, location),
    stockOf: (index: number, location = locations[0]!) => stock.get(`${nativeIds[index]!}@${location}`)!,
    /** A change made outside the gateway (another channel sold a unit). */
    setStockExternally(index: number, quantity: number, location = locations[0]!) {
      vendorWrite(nativeIds[index]!, location, quantity);
    },
  };
}

export type FakeWritableSource = ReturnType<typeof fakeWritableSource>;

function applied(before: number, after: number, level: InventoryLevel): InventoryChangeResult {
  return { status: InventoryChangeStatus.APPLIED, before, after, level, error: null };
}

function conflict(current: number): InventoryChangeResult {
  return {
    status: InventoryChangeStatus.CONFLICT,
    before: current,
    after: current,
    level: null,
    error: { code: 'COMPARE_QUANTITY_MISMATCH', message: `The available quantity is ${current}, not the expected one` },
  };
}

function failed(error: UpstreamError): InventoryChangeResult {
  return { status: InventoryChangeStatus.FAILED, before: null, after: null, level: null, error: { code: error.code, message: error.message } };
}
