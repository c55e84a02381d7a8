import { ErrorCode } from '../../errors/error-code.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { productGlobalId } from '../../model/global-id.ts';
import { chainedResult } from '../stock-writes/chained-results.ts';
import { KeyedMutex } from '../stock-writes/keyed-mutex.ts';
import { chainLevels, type ChainLink } from '../stock-writes/level-chain.ts';
import { changeAmount, failedResult, settledPlan, refused, type FixedResult } from '../stock-writes/phased-writes.ts';
import {
  StockChangeRefusalCode,
  type PreparedStockChanges,
  type StockChangeRequest,
  type StockWritePlan,
  type StockWritePlanner,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import type { MagentoCatalogReader } from './magento-catalog-reader.ts';
import type { MagentoClient } from './magento-client.ts';
import type { MagentoVendorConfig } from '../../config/vendors/magento-config.ts';
import { sourceItemLevel } from './magento-mapper.ts';
import type { MagentoProduct } from './magento-schemas.ts';
import type { MagentoStockDirectory, MagentoStockLayout } from './magento-stock-directory.ts';
import { legacyLevel, magentoLevelKey, readMagentoLevels, type MagentoLevel, type MagentoLevelKey } from './magento-stock-levels.ts';
import { sendMagentoWrites, type MagentoWrite } from './magento-stock-send.ts';

/** A request that passed the checks that need no level: its product, SKU and level. */
interface Identified {
  readonly index: number;
  readonly request: StockChangeRequest;
  readonly amount: number;
  readonly product: { readonly id: string; readonly nativeId: string };
  readonly level: MagentoLevelKey;
  /**
   * On a legacy store, the stock item the product search that identified the SKU carried inline
   * (null: it carried none, so the product is not stocked); undefined when the level must be read.
   */
  readonly inline?: MagentoLevel | null;
}

interface Ready extends Identified {
  readonly current: MagentoLevel;
}


/**
 * Stock writes. Magento has neither compare-and-set nor idempotency keys on stock, so (see
 * StockWritePlanner):
 * - `plan` looks up the products by entity ID (native IDs are entity IDs, and MSI source items are
 *   keyed by SKU: a SKU is only known from the product; skipped when the caller already holds the
 *   product), one batched search;
 * - writes are serialized per (product, source) inside this process;
 * - `prepare` (lock held) reads the levels in one batched request: MSI source items (`in` filter
 *   on SKU), or the legacy stock item, which comes inline with the product search. The levels are the `before` of the audit and the base of deltas and compareQuantity
 *   (CONFLICT, nothing written); MSI's POST answers `[]`, so they cannot come from the write;
 * - `commit` writes each level's final absolute value once (sendMagentoWrites) and reads back only
 *   a write whose answer was lost.
 */
export class MagentoStockWriter implements StockWritePlanner {
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

  /**
   * Before the lock: on an MSI store, the SKU behind each entity ID (one batched product search;
   * an identity, not a level, so the lock need not cover it). On a legacy store the same search
   * also carries the stock item, so it runs under the lock instead, as the one read.
   */
  async plan(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[]): Promise<StockWritePlan> {
    const lock = () => this.locks.lock(requests.map((request) => `${request.productNativeId}\u0000${request.locationNativeId}`));
    let layout: MagentoStockLayout;
    let identified: Identified[] = [];
    const slots: Array<FixedResult | Ready | undefined> = requests.map(() => undefined);
    try {
      layout = await this.directory.layout(ctx);
      if (layout.mode === 'msi') identified = await this.identify(ctx, layout, requests, slots);
    } catch (error) {
      return settledPlan(this.prepared(requests.map(() => unreadable(error))));
    }
    return {
      lock,
      prepare: async (lockedCtx) => {
        if (layout.mode === 'msi') return this.readLevels(lockedCtx, layout, identified, slots);
        try {
          identified = await this.identify(lockedCtx, layout, requests, slots);
        } catch (error) {
          return this.prepared(requests.map(() => unreadable(error)));
        }
        return this.readLevels(lockedCtx, layout, identified, slots);
      },
    };
  }

  /** With the lock held: the current level of every identified request (one batched read), then the refusals. */
  private async readLevels(ctx: UpstreamCallContext, layout: MagentoStockLayout, identified: readonly Identified[], planned: ReadonlyArray<FixedResult | Ready | undefined>): Promise<PreparedStockChanges> {
    const slots = [...planned];
    let levels: Map<string, MagentoLevel>;
    try {
      const unread = identified.filter((entry) => entry.inline === undefined).map((entry) => entry.level);
      levels = await readMagentoLevels(this.reader, layout, ctx, [...new Map(unread.map((level) => [level.key, level])).values()]);
    } catch (error) {
      for (const entry of identified) slots[entry.index] = unreadable(error);
      return this.prepared(slots.map((slot) => slot ?? unreadable(null)), layout);
    }
    for (const entry of identified) {
      const current = entry.inline === undefined ? levels.get(entry.level.key) : entry.inline;
      slots[entry.index] = current
        ? { ...entry, current }
        : refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, `SKU "${entry.level.sku}" is not stocked at ${layout.mode === 'msi' ? 'source' : 'stock'} "${entry.level.source}"`);
    }
    return this.prepared(slots.map((slot) => slot ?? unreadable(null)), layout);
  }

  /** Checks that need no level, and each request's SKU (from the caller's product or one batched product search). */
  private async identify(ctx: UpstreamCallContext, layout: MagentoStockLayout, requests: readonly StockChangeRequest[], slots: Array<FixedResult | Ready | undefined>): Promise<Identified[]> {
    const checked = requests.flatMap((request, index) => {
      if (!layout.sourceNames.has(request.locationNativeId)) {
        const problem = layout.disabledSources.has(request.locationNativeId) ? `source "${request.locationNativeId}" is disabled` : `no ${layout.mode === 'msi' ? 'source' : 'stock'} "${request.locationNativeId}" at this vendor`;
        slots[index] = refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, problem);
        return [];
      }
      const amount = changeAmount(request);
      if (amount === null) {
        slots[index] = { fixed: failedResult(ErrorCode.BAD_USER_INPUT, request.mode === 'set' ? '`quantity` is required for set' : '`delta` is required for adjust'), refusal: null };
        return [];
      }
      return [{ index, request, amount }];
    });
    const unknownIds = checked.filter(({ request }) => !request.product).map(({ request }) => request.productNativeId);
    const numeric = unknownIds.filter((id) => /^\d+$/.test(id));
    const found = numeric.length > 0 ? await this.reader.productsWhere(ctx, 'entity_id', numeric) : new Map<string, MagentoProduct | Error>();
    return checked.flatMap(({ index, request, amount }): Identified[] => {
      const known = request.product;
      const product = known ? null : found.get(request.productNativeId.toLowerCase());
      if (product instanceof Error) {
        slots[index] = { fixed: failedResult(ErrorCode.VENDOR_ERROR, `${product.message}; nothing was changed`), refusal: null };
        return [];
      }
      const sku = known ? known.inventoryRef : product?.sku;
      if (!known && !product) {
        slots[index] = refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, `${this.config.id} has no product ${request.productNativeId}`);
        return [];
      }
      if (!sku) {
        slots[index] = { fixed: failedResult(ErrorCode.BAD_USER_INPUT, 'the product has no SKU to change stock for'), refusal: null };
        return [];
      }
      // A caller that brings the product has checked it (applyInPhases writes what it is given).
      if (!known && product?.extension_attributes?.stock_item?.manage_stock === false) {
        slots[index] = refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, `${this.config.id} does not manage stock for SKU "${sku}"`);
        return [];
      }
      return [{
        index,
        request,
        amount,
        product: { id: known?.id ?? productGlobalId(this.config.id, request.productNativeId), nativeId: request.productNativeId },
        level: magentoLevelKey(sku, request.locationNativeId),
        ...(layout.mode === 'legacy' && product ? { inline: legacyLevel(product) } : {}),
      }];
    });
  }

  private prepared(slots: ReadonlyArray<FixedResult | Ready>, layout?: MagentoStockLayout): PreparedStockChanges {
    const ready = slots.filter((slot): slot is Ready => 'level' in slot);
    return {
      refusals: slots.map((slot) => ('refusal' in slot ? slot.refusal : null)),
      commit: async (ctx) => {
        const links: ChainLink[] = ready.map((slot) => ({ key: slot.level.key, mode: slot.request.mode, amount: slot.amount, compareQuantity: slot.request.compareQuantity }));
        const chain = chainLevels(links, new Map(ready.map((slot) => [slot.level.key, slot.current.quantity])));
        const byKey = new Map(ready.map((slot) => [slot.level.key, slot]));
        const writes: MagentoWrite[] = chain.writes.map((write) => {
          const slot = byKey.get(write.key)!;
          return { level: slot.level, write, itemId: slot.current.itemId };
        });
        const outcomes = writes.length > 0 && layout ? await sendMagentoWrites({ client: this.client, config: this.config, reader: this.reader, layout }, ctx, writes) : new Map();
        let position = 0;
        return slots.map((slot) => {
          if (!('level' in slot)) return slot.fixed;
          const step = chain.steps[position++]!;
          const sourceName = layout?.sourceNames.get(slot.level.source) ?? slot.level.source;
          return chainedResult(step, slot.request.compareQuantity, outcomes.get(slot.level.key), (available) =>
            sourceItemLevel(this.config.id, slot.product, { source_code: slot.level.source, quantity: available }, sourceName));
        });
      },
    };
  }
}


function unreadable(error: unknown): FixedResult {
  const { code, message } = describe(error);
  return { fixed: failedResult(code, `could not read the current level, nothing was changed: ${message}`), refusal: null };
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'unexpected error' };
}
