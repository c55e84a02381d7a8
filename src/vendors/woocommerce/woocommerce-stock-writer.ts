import { ErrorCode } from '../../errors/error-code.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { productGlobalId } from '../../model/global-id.ts';
import { chainedResult } from '../stock-writes/chained-results.ts';
import type { KeyedMutex } from '../stock-writes/keyed-mutex.ts';
import { chainLevels, type ChainLink } from '../stock-writes/level-chain.ts';
import { changeAmount, failedResult, refused, type FixedResult } from '../stock-writes/phased-writes.ts';
import {
  StockChangeRefusalCode,
  type PreparedStockChanges,
  type StockChangeRequest,
  type StockWritePlan,
  type StockWritePlanner,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import type { WooCommerceClient } from './woocommerce-client.ts';
import { WOO_LOCATION_ID, wooGmtToIso, wooStockLevel, type WooMappingContext } from './woocommerce-mapper.ts';
import { parseWooNativeId, refNativeId, type WooItemRef } from './woocommerce-native-id.ts';
import { readWooStocks } from './woocommerce-stock-reader.ts';
import { WooStockOwners } from './woocommerce-stock-owners.ts';
import { sendWooWrites, type WooWrite, type WooWriteOutcome } from './woocommerce-stock-send.ts';
import type { WooStock } from './woocommerce-schemas.ts';

/** A request that can be written: the level it chains on and the item that holds its stock. */
interface Ready {
  readonly link: ChainLink;
  readonly owner: WooItemRef;
  /** `stock_quantity` of the owner as read under the lock. */
  readonly quantity: number;
  readonly product: { readonly id: string; readonly nativeId: string };
  readonly modifiedGmt: string | null | undefined;
}

type Slot = FixedResult | Ready;

/**
 * WooCommerce's stock write path. WooCommerce stores one absolute `stock_quantity` per item and
 * offers no compare-and-set and no idempotency key, so (see StockWritePlanner):
 * 1. writes are serialized per item inside this process (WooStockOwners picks the item: a
 *    variation may sell from its parent's stock); nothing needs looking up before that;
 * 2. `prepare` (lock held) reads the current stock of every item in one batched round (readWooStocks; one
 *    more for the parents of "parent"-managed variations found by ID, rare) — that read is the
 *    check that the item exists and is tracked, the `before` of the audit, and the base of deltas
 *    and compareQuantity (CONFLICT, nothing written);
 * 3. `commit` writes each item's final absolute value once (sendWooWrites: a PUT, or one batch
 *    per endpoint), and reads back only a write whose answer was lost.
 * (`inventory_delta`, which WooCommerce's update handler also accepts, is not used: it is a
 * non-atomic read-add-write on the server and cannot be verified after an unknown outcome.)
 * Writers in other processes are not serialized; a concurrent external change between the read
 * and the write is overwritten, as with any WooCommerce client.
 */
export class WooStockWriter implements StockWritePlanner {
  private readonly client: WooCommerceClient;
  private readonly mapping: WooMappingContext;
  private readonly locks: KeyedMutex;
  private readonly owners = new WooStockOwners();

  constructor(client: WooCommerceClient, mapping: WooMappingContext, locks: KeyedMutex) {
    this.client = client;
    this.mapping = mapping;
    this.locks = locks;
  }

  /** Nothing to look up before the lock: native IDs name the items (and their parents). */
  async plan(_ctx: UpstreamCallContext, requests: readonly StockChangeRequest[]): Promise<StockWritePlan> {
    const keys = new Set(requests.flatMap((request) => this.owners.lockKeys(request)));
    return {
      lock: () => this.locks.lock([...keys]),
      prepare: (ctx) => this.prepare(ctx, requests, keys),
    };
  }

  private async prepare(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], locked: ReadonlySet<string>): Promise<PreparedStockChanges> {
    const wanted = requests.map((request) => this.checkShape(request));
    const refs = wanted.flatMap((entry) => ('ref' in entry ? [entry.ref] : []));
    let stocks: Map<string, WooStock>;
    try {
      stocks = refs.length > 0 ? await readWooStocks(this.client, this.mapping.vendorId, ctx, refs) : new Map();
      // Variations found by ID that sell from their parent's stock: the parent's stock decides.
      const parents = refs.flatMap((ref) =>
        ref.kind === 'variation' && stocks.get(refNativeId(ref))?.manage_stock === 'parent' && !stocks.has(String(ref.productId)) ? [{ kind: 'product' as const, productId: ref.productId }] : [],
      );
      if (parents.length > 0) for (const [key, stock] of await readWooStocks(this.client, this.mapping.vendorId, ctx, parents)) stocks.set(key, stock);
      this.owners.learn(stocks);
    } catch (error) {
      const reason = error instanceof GatewayError ? error : new GatewayError(ErrorCode.VENDOR_ERROR, 'WooCommerce stock could not be read');
      const failure = failedResult(reason.code, `${reason.message}; could not read the current stock, nothing was written`);
      return this.prepared(wanted.map((entry) => ('ref' in entry ? { fixed: failure, refusal: null } : entry)));
    }
    return this.prepared(wanted.map((entry, index) => ('ref' in entry ? this.resolve(requests[index]!, entry.ref, entry.amount, stocks, locked) : entry)));
  }

  /** What can be told without a request: the location, the amount, a known untracked item, the ID. */
  private checkShape(request: StockChangeRequest): Slot | { readonly ref: WooItemRef; readonly amount: number } {
    if (request.locationNativeId !== WOO_LOCATION_ID) {
      return refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, `WooCommerce keeps one stock per item; the only location is "${WOO_LOCATION_ID}"`);
    }
    if (request.product && !request.product.inventoryTracked) return refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, 'WooCommerce does not manage stock for this product');
    const amount = changeAmount(request);
    if (amount === null) return { fixed: failedResult(ErrorCode.BAD_USER_INPUT, `${request.mode === 'set' ? 'quantity' : 'delta'} must be an integer`), refusal: null };
    const ref = parseWooNativeId(request.product?.inventoryRef ?? request.productNativeId);
    if (!ref) return refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, 'not a WooCommerce product');
    return { ref, amount };
  }

  /** The item that holds the request's stock, from the read: a simple product, a variation, or a variation's parent. */
  private resolve(request: StockChangeRequest, ref: WooItemRef, amount: number, stocks: ReadonlyMap<string, WooStock>, locked: ReadonlySet<string>): Slot {
    const gone = refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, 'the product does not exist at WooCommerce');
    const stock = stocks.get(refNativeId(ref));
    if (!stock) return gone;
    // A product ID must name a simple product; a loaded product's inventoryRef may name the parent it sells from.
    if (ref.kind === 'product' && !request.product && stock.type !== undefined && stock.type !== 'simple') return gone;
    const owner: WooItemRef = stock.manage_stock === 'parent' && ref.kind === 'variation' ? { kind: 'product', productId: ref.productId } : ref;
    const held = stocks.get(refNativeId(owner));
    if (!held) return gone;
    if (held.manage_stock !== true) return refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, 'WooCommerce does not manage stock for this product');
    if (!locked.has(refNativeId(owner))) {
      const message = 'the variation now sells from another stock (its own or its parent\'s) than this gateway last saw; nothing was written, retry';
      return { fixed: failedResult(ErrorCode.VENDOR_ERROR, message), refusal: null };
    }
    return {
      link: { key: refNativeId(owner), mode: request.mode, amount, compareQuantity: request.compareQuantity },
      owner,
      quantity: held.stock_quantity ?? 0,
      product: { id: request.product?.id ?? productGlobalId(this.mapping.vendorId, request.productNativeId), nativeId: request.productNativeId },
      modifiedGmt: held.date_modified_gmt,
    };
  }

  private prepared(slots: readonly Slot[]): PreparedStockChanges {
    const ready = slots.filter((slot): slot is Ready => 'link' in slot);
    return {
      refusals: slots.map((slot) => ('refusal' in slot ? slot.refusal : null)),
      commit: async (ctx) => {
        const chain = chainLevels(ready.map((slot) => slot.link), new Map(ready.map((slot) => [slot.link.key, slot.quantity])));
        const owners = new Map(ready.map((slot) => [slot.link.key, slot.owner]));
        const writes: WooWrite[] = chain.writes.map((write) => ({ write, ref: owners.get(write.key)! }));
        const sent = writes.length > 0 ? await sendWooWrites(this.client, this.mapping.vendorId, ctx, writes) : new Map<string, WooWriteOutcome>();
        let position = 0;
        return slots.map((slot) => {
          if (!('link' in slot)) return slot.fixed;
          const step = chain.steps[position++]!;
          const answer = sent.get(slot.link.key);
          const modified = wooGmtToIso(answer?.modifiedGmt ?? slot.modifiedGmt);
          return chainedResult(step, slot.link.compareQuantity, answer?.outcome, (available) => wooStockLevel(slot.product.id, slot.product.nativeId, available, modified, this.mapping));
        });
      },
    };
  }
}
