import type { Context as OtelContext } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type {
  InventoryLevel,
  Money,
  ProductFilter,
  StandardProduct,
  StockLocation,
  VendorInfo,
} from '../model/standard-model.ts';

/**
 * What a vendor source needs from the request it serves: who asked (for logs and the
 * `x-request-id` passed upstream), when the client gives up, and how to cancel.
 * A narrow slice of the RequestContext so sources stay testable without a server.
 */
export interface UpstreamCallContext {
  readonly requestId: string;
  readonly logger: Logger;
  /** Aborted when the client disconnects or the request deadline passes. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds by which the client's answer is due; upstream deadlines derive from it. */
  readonly deadline: number;
  /** Per-request upstream timings (debug_mode adds them to `extensions`). */
  readonly timings?: UpstreamTimingSink;
  /** OpenTelemetry context of the request span; upstream spans are its children. */
  readonly traceContext?: OtelContext;
}

export interface UpstreamTimingSink {
  record(entry: { vendorId: string; operation: string; ms: number; status: number | 'error' }): void;
}

export interface ProductPageRequest {
  /** How many SKUs the caller wants; at most `limits.maxPageSize`. */
  readonly first: number;
  /** The vendor's own opaque cursor from a previous page, or null for the start. */
  readonly after: string | null;
  readonly filter: ProductFilter;
  /** True when the GraphQL selection reads levels: a source may fetch them in the same call. */
  readonly includeInventoryLevels: boolean;
}

export interface ProductPage {
  readonly products: readonly StandardProduct[];
  /** Cursor to pass as `after` for the next page; null when this was the last. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface VendorLimits {
  /** Largest page a list call may ask for (Shopify 250, WooCommerce 100, Magento 300 if input limits are on). */
  readonly maxPageSize: number;
  /** Largest number of keys one batch lookup carries (ids or SKUs per request). */
  readonly maxBatchSize: number;
}

/**
 * How to write a vendor source (one per platform, in src/vendors/<platform>/):
 * - `<platform>-client.ts` speaks HTTP through a VendorHttpClient (auth, paging, classification);
 * - `<platform>-schemas.ts` validates raw payloads with zod;
 * - `<platform>-mapper.ts` maps them to the standard model (pure functions, unit-tested on
 *   real reference payloads);
 * - `<platform>-catalog-reader.ts` reads products and levels in batches;
 * - `<platform>-stock-writer.ts` implements StockWritePlanner (the one write contract) with the
 *   shared parts in src/vendors/stock-writes/;
 * - `<platform>-source.ts` implements this interface by composing the reader and the writer.
 * The vendor's config schema lives in src/config/vendors/ (config sits below every folder).
 * Batch methods receive keys in order and answer in the same order, one entry per key;
 * a per-key failure is an Error in that slot (it fails only that field), a failure of the
 * whole call throws (DataLoader then rejects every waiter and caches nothing).
 * Loaders are built per request around these methods by src/context/request-loaders.ts; a source
 * never keeps per-caller state.
 */
export interface VendorSource {
  readonly info: VendorInfo;
  readonly limits: VendorLimits;

  listProducts(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage>;

  countProducts(ctx: UpstreamCallContext, filter: ProductFilter): Promise<number>;

  /** Products by the vendor's native IDs; null where the vendor has no such SKU. */
  productsByNativeIds(
    ctx: UpstreamCallContext,
    nativeIds: readonly string[],
  ): Promise<ReadonlyArray<StandardProduct | null | Error>>;

  /** Every SKU of this vendor with each of the given SKU codes (usually zero or one each). */
  productsBySkus(
    ctx: UpstreamCallContext,
    skus: readonly string[],
  ): Promise<ReadonlyArray<readonly StandardProduct[] | Error>>;

  /** Stock per location for each product, in order. */
  inventoryLevels(
    ctx: UpstreamCallContext,
    products: readonly StandardProduct[],
  ): Promise<ReadonlyArray<readonly InventoryLevel[] | Error>>;

  /**
   * Every location of the vendor, inactive ones included (`active: false`), in the vendor's order.
   * Locations change rarely: the request loaders keep the answer in the shared read cache for
   * `cache.locationsTtlMs`, so this is called at most once per TTL and a source need not cache
   * them itself (Magento answers from the stock directory it reads anyway). Optional: without it a vendor lists no locations, and a level's
   * `location` is made from the level itself.
   */
  locations?(ctx: UpstreamCallContext): Promise<readonly StockLocation[]>;

  /**
   * True when a native product ID names a SKU indirectly (Shopify: an InventoryItem GID instead of
   * the variant's), so the mutation service looks it up with `productsByNativeIds` (which answers
   * the SKU whose own `nativeId` differs from the key) before writing. Absent: no aliases.
   */
  isProductAlias?(nativeId: string): boolean;

  /**
   * How the vendor's stock is written: the one write contract of a source (see StockWritePlanner;
   * stock-writes/phased-writes.ts `applyInPhases` runs every phase in one call).
   */
  readonly stockWrites: StockWritePlanner;

  /**
   * Sold units per SKU from the vendor's orders, one upstream page per call (optional: a vendor
   * without an orders API has no demand history). Lines of cancelled orders are left out.
   * Call again with `nextCursor` until it is null.
   */
  orderLines?(ctx: UpstreamCallContext, request: OrderLinesRequest): Promise<OrderLinesPage>;

  /** Releases connections (keep-alive pools) at shutdown. */
  close?(): Promise<void>;
}

export interface OrderLinesRequest {
  /** First UTC day included (YYYY-MM-DD). */
  readonly since: string;
  /** First UTC day NOT included (YYYY-MM-DD): the window is [since, until). */
  readonly until: string;
  /** The `nextCursor` of the previous page, or null for the first. */
  readonly cursor: string | null;
}

/** One order line: units of one SKU sold on one UTC day. */
export interface OrderLine {
  readonly sku: string;
  /** UTC day the order was created (YYYY-MM-DD). */
  readonly date: string;
  readonly quantity: number;
  /** The line's total before discounts, as the vendor reports it. */
  readonly revenue: Money;
}

export interface OrderLinesPage {
  readonly lines: readonly OrderLine[];
  /** Pass as `cursor` for the next page; null when this was the last. */
  readonly nextCursor: string | null;
}

export interface InventoryChange {
  readonly product: StandardProduct;
  /** The vendor's own location/source ID (decoded from the global location ID). */
  readonly locationNativeId: string;
  readonly mode: 'set' | 'adjust';
  /** Absolute available quantity for `set`. */
  readonly quantity?: number;
  /** Signed change of available quantity for `adjust`. */
  readonly delta?: number;
  /** Expected current available quantity; a mismatch is a CONFLICT. */
  readonly compareQuantity?: number | null;
}

export interface InventoryWriteOptions {
  /** The client's idempotency key; vendors that deduplicate get a stable key derived from it. */
  readonly idempotencyKey: string;
  readonly reason: string;
}

export const InventoryChangeStatus = { APPLIED: 'APPLIED', CONFLICT: 'CONFLICT', FAILED: 'FAILED' } as const;
export type InventoryChangeStatus = (typeof InventoryChangeStatus)[keyof typeof InventoryChangeStatus];

export interface InventoryChangeResult {
  readonly status: InventoryChangeStatus;
  /** Available quantity before the change, when known. */
  readonly before: number | null;
  /** Available quantity after the change, when known. */
  readonly after: number | null;
  readonly level: InventoryLevel | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  /**
   * FAILED only: the write may have reached the vendor and reading back could not settle it
   * (the read failed, or the level is neither the value before nor the target). Such a change is
   * never re-sent automatically, not even on a retry with the same idempotency key.
   */
  readonly outcomeUnknown?: boolean;
}

/** A change the mutation service asks a vendor to prepare: by native IDs, products not loaded. */
export interface StockChangeRequest {
  readonly productNativeId: string;
  /** The product, when the caller already holds it (applyInPhases): a source may skip its lookup. */
  readonly product?: StandardProduct;
  readonly locationNativeId: string;
  readonly mode: 'set' | 'adjust';
  readonly quantity?: number;
  readonly delta?: number;
  readonly compareQuantity?: number | null;
}

/** Why a change cannot be sent, found by the prepare read; the mutation service refuses the whole input. */
export const StockChangeRefusalCode = {
  PRODUCT_NOT_FOUND: 'PRODUCT_NOT_FOUND',
  INVENTORY_NOT_TRACKED: 'INVENTORY_NOT_TRACKED',
  LOCATION_NOT_FOUND: 'LOCATION_NOT_FOUND',
} as const;
export type StockChangeRefusalCode = (typeof StockChangeRefusalCode)[keyof typeof StockChangeRefusalCode];

export interface StockChangeRefusal {
  readonly code: StockChangeRefusalCode;
  /** Vendor-specific detail (a committed refusal reports it; the mutation service uses its own wording). */
  readonly message: string;
}

/**
 * How a source writes stock, in phases (the mutation service's path; applyInPhases runs the same
 * steps in one call). The point is ONE read of the levels per vendor that serves both the checks of the
 * whole mutation and the write, with the in-process lock held no longer than needed:
 * 1. `plan` — no lock held — looks up what the lock does not protect: which inventory item or SKU
 *    a product ID names (Shopify, Magento), at most one batched read; Woo and custom need none.
 * 2. `lock` joins this process's queue of every stock level the plan may write and resolves once
 *    all are held. It joins SYNCHRONOUSLY, before it returns, so a caller that locks several
 *    vendors' plans in one synchronous step gets one arrival order over all of them and cannot
 *    deadlock (see KeyedMutex). A vendor with native compare-and-set and deduplication (Shopify)
 *    needs no lock and resolves at once.
 * 3. `prepare` — lock held — reads, batched, the current levels where the vendor has no
 *    compare-and-set (they are the `before` of the audit and the base of deltas and
 *    compareQuantity checks) and tells which requests cannot be sent and why.
 * 4. `commit` sends the writes, or the caller drops the prepared write (a refusal anywhere in the
 *    mutation) and nothing is sent. The caller releases the lock after that, and only then: the
 *    prepared levels are only current while it is held.
 */
export interface StockWritePlanner {
  plan(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], options: InventoryWriteOptions): Promise<StockWritePlan>;
}

export interface StockWritePlan {
  lock(): Promise<() => void>;
  prepare(ctx: UpstreamCallContext): Promise<PreparedStockChanges>;
}

export interface PreparedStockChanges {
  /** One entry per request, in order: null when it may be sent, else why it may not. */
  readonly refusals: ReadonlyArray<StockChangeRefusal | null>;
  /**
   * Sends the writes (call at most once, with the lock held) and answers one result per request
   * in order. A refused request answers FAILED (NOT_FOUND, or VENDOR_REJECTED for an untracked
   * item) and is not sent. Exactness rules (see README "Exactly-once"):
   * - a call is retried only where the vendor deduplicates it (Shopify `@idempotent` with a key
   *   derived from the plan's `idempotencyKey`); otherwise an unknown outcome (timeout after send)
   *   is resolved by reading the level back before answering, never by blind re-sending;
   * - deltas on vendors without an atomic adjust are applied as compare-and-set against the level
   *   read under the lock;
   * - `compareQuantity` mismatches answer CONFLICT and change nothing.
   */
  commit(ctx: UpstreamCallContext): Promise<readonly InventoryChangeResult[]>;
}
