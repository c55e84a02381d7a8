import { GatewayError } from '../../errors/gateway-error.ts';
import { ErrorCode } from '../../errors/error-code.ts';
import { locationGlobalId } from '../../model/global-id.ts';
import type { StandardProduct } from '../../model/standard-model.ts';
import { changeAmount, failedResult, settledPlan, refused, type FixedResult } from '../stock-writes/phased-writes.ts';
import {
  StockChangeRefusalCode,
  type InventoryChange,
  type InventoryWriteOptions,
  type PreparedStockChanges,
  type StockChangeRequest,
  type StockWritePlan,
  type StockWritePlanner,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import type { ShopifyClient } from './shopify-client.ts';
import { sendShopifyStockChanges } from './shopify-stock-send.ts';


/**
 * Shopify's phased stock writes: no lock (Shopify checks `changeFromQuantity` atomically and
 * deduplicates `@idempotent` re-sends), one read, one write.
 * - `plan`: one `nodes(ids:)` query with each variant's inventory item and levels inline
 *   (ProductVariantsByIdsWithLevels): a product ID is a variant ID, while the mutation takes the
 *   inventory item ID, so this read cannot be skipped; it also tells a tracked item stocked at the
 *   location from one that is not, before anything is written anywhere.
 * - `commit`: `inventorySetQuantities` / `inventoryAdjustQuantities` (sendShopifyStockChanges);
 *   each answer reports every change's delta and quantity after, so `before` comes from the write
 *   itself, exact even if another channel moved the stock since the read.
 */
export class ShopifyStockWriter implements StockWritePlanner {
  private readonly client: ShopifyClient;
  private readonly read: (ctx: UpstreamCallContext, nativeIds: readonly string[]) => Promise<Array<StandardProduct | null>>;

  constructor(client: ShopifyClient, read: (ctx: UpstreamCallContext, nativeIds: readonly string[]) => Promise<Array<StandardProduct | null>>) {
    this.client = client;
    this.read = read;
  }

  /** Everything happens before the (absent) lock: one read, then the checks. */
  async plan(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], options: InventoryWriteOptions): Promise<StockWritePlan> {
    return settledPlan(await this.prepare(ctx, requests, options));
  }

  private async prepare(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], options: InventoryWriteOptions): Promise<PreparedStockChanges> {
    const unknown = requests.filter((request) => !request.product && changeAmount(request) !== null).map((request) => request.productNativeId);
    let found: Map<string, StandardProduct | null>;
    try {
      const products = unknown.length > 0 ? await this.read(ctx, unknown) : [];
      found = new Map(unknown.map((id, index) => [id, products[index] ?? null]));
    } catch (error) {
      const failure = error instanceof GatewayError ? failedResult(error.code, error.message) : failedResult(ErrorCode.VENDOR_ERROR, 'shopify products could not be read');
      return prepared(requests.map(() => ({ fixed: failure, refusal: null })), this.client, options);
    }
    const slots = requests.map((request): FixedResult | InventoryChange => {
      const amount = changeAmount(request);
      if (amount === null) return { fixed: failedResult(ErrorCode.BAD_USER_INPUT, `a ${request.mode} change needs an integer ${request.mode === 'set' ? 'quantity' : 'delta'}`), refusal: null };
      const product = request.product ?? found.get(request.productNativeId) ?? null;
      if (!product) return refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, `shopify has no variant ${request.productNativeId}`);
      if (!product.inventoryTracked) return refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, 'shopify does not track inventory for this variant');
      const locationId = locationGlobalId(product.vendorId, request.locationNativeId);
      if (product.inventoryLevels && !product.inventoryLevels.some((level) => level.locationId === locationId)) {
        return refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, 'the item is not stocked at this location');
      }
      const { productNativeId: _id, product: _known, ...change } = request;
      return { ...change, product };
    });
    return prepared(slots, this.client, options);
  }
}

function prepared(slots: ReadonlyArray<FixedResult | InventoryChange>, client: ShopifyClient, options: InventoryWriteOptions): PreparedStockChanges {
  const ready = slots.filter((slot): slot is InventoryChange => 'product' in slot);
  return {
    refusals: slots.map((slot) => ('refusal' in slot ? slot.refusal : null)),
    commit: async (ctx) => {
      const results = ready.length > 0 ? await sendShopifyStockChanges(client, ctx, ready, options) : [];
      let position = 0;
      return slots.map((slot) => ('product' in slot ? (results[position++] ?? failedResult(ErrorCode.VENDOR_ERROR, 'shopify did not report this change')) : slot.fixed));
    },
  };
}
