import { GatewayError } from '../../errors/gateway-error.ts';
import { ErrorCode } from '../../errors/error-code.ts';
import { locationGlobalId } from '../../model/global-id.ts';
import type { InventoryLevel, StandardProduct } from '../../model/standard-model.ts';
import { changeAmount, failedResult, refused, settledPlan, type FixedResult } from '../stock-writes/phased-writes.ts';
import {
  StockChangeRefusalCode,
  type InventoryWriteOptions,
  type PreparedStockChanges,
  type StockChangeRequest,
  type StockWritePlan,
  type StockWritePlanner,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import type { ShopifyClient } from './shopify-client.ts';
import { sendShopifyStockChanges, type ShopifyLevelReader, type ShopifyWrite } from './shopify-stock-send.ts';

type ProductReader = (ctx: UpstreamCallContext, nativeIds: readonly string[]) => Promise<Array<StandardProduct | null>>;

/**
 * Shopify's phased stock writes: no lock (Shopify checks `changeFromQuantity` atomically and
 * deduplicates `@idempotent` re-sends), one read, one write.
 * - `plan`: one `nodes(ids:)` query with each variant's inventory item and levels inline
 *   (ProductVariantsByIdsWithLevels): a product ID is a variant ID, while the mutation takes the
 *   inventory item ID, so this read cannot be skipped; it also tells a tracked item stocked at the
 *   location from one that is not, before anything is written anywhere.
 * - `commit`: `inventorySetQuantities` / `inventoryAdjustQuantities` (sendShopifyStockChanges);
 *   the level read here is each adjust's `changeFromQuantity`, so an APPLIED answer proves
 *   before and after (Shopify's `quantityAfterChange` is documented nullable and not relied on);
 *   if another channel moved the level since, Shopify answers CHANGE_FROM_QUANTITY_STALE and the
 *   writer reads those levels again with the same query.
 * A product handed in with its levels is not read again: a stale level
 * costs one resend, never a wrong answer.
 */
export class ShopifyStockWriter implements StockWritePlanner {
  private readonly client: ShopifyClient;
  private readonly read: ProductReader;
  private readonly reread: ShopifyLevelReader;

  constructor(client: ShopifyClient, read: ProductReader) {
    this.client = client;
    this.read = read;
    this.reread = async (ctx, changes) => {
      const products = await read(ctx, changes.map((change) => change.product.nativeId));
      return changes.map((change, index) => levelAt(products[index] ?? null, change.locationNativeId));
    };
  }

  /** Everything happens before the (absent) lock: one read, then the checks. */
  async plan(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], options: InventoryWriteOptions): Promise<StockWritePlan> {
    return settledPlan(await this.prepare(ctx, requests, options));
  }

  private async prepare(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], options: InventoryWriteOptions): Promise<PreparedStockChanges> {
    const unknown = requests.filter((request) => !request.product?.inventoryLevels && changeAmount(request) !== null).map((request) => request.productNativeId);
    let found: Map<string, StandardProduct | null>;
    try {
      const products = unknown.length > 0 ? await this.read(ctx, unknown) : [];
      found = new Map(unknown.map((id, index) => [id, products[index] ?? null]));
    } catch (error) {
      const failure = error instanceof GatewayError ? failedResult(error.code, error.message) : failedResult(ErrorCode.VENDOR_ERROR, 'shopify products could not be read');
      return prepared(requests.map(() => ({ fixed: failure, refusal: null })), this.client, options, this.reread);
    }
    const slots = requests.map((request): FixedResult | ShopifyWrite => {
      const amount = changeAmount(request);
      if (amount === null) return { fixed: failedResult(ErrorCode.BAD_USER_INPUT, `a ${request.mode} change needs an integer ${request.mode === 'set' ? 'quantity' : 'delta'}`), refusal: null };
      const product = (request.product?.inventoryLevels ? request.product : found.get(request.productNativeId)) ?? null;
      if (!product) return refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, `shopify has no variant ${request.productNativeId}`);
      if (!product.inventoryTracked) return refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, 'shopify does not track inventory for this variant');
      const known = levelAt(product, request.locationNativeId);
      if (!known) return refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, 'the item is not stocked at this location');
      const { productNativeId: _id, product: _known, ...change } = request;
      return { ...change, product, known };
    });
    return prepared(slots, this.client, options, this.reread);
  }
}

function levelAt(product: StandardProduct | null, locationNativeId: string): InventoryLevel | null {
  if (!product) return null;
  const locationId = locationGlobalId(product.vendorId, locationNativeId);
  return product.inventoryLevels?.find((level) => level.locationId === locationId) ?? null;
}

function prepared(slots: ReadonlyArray<FixedResult | ShopifyWrite>, client: ShopifyClient, options: InventoryWriteOptions, reread: ShopifyLevelReader): PreparedStockChanges {
  const ready = slots.filter((slot): slot is ShopifyWrite => 'product' in slot);
  return {
    refusals: slots.map((slot) => ('refusal' in slot ? slot.refusal : null)),
    commit: async (ctx) => {
      const results = ready.length > 0 ? await sendShopifyStockChanges(client, ctx, ready, options, reread) : [];
      let position = 0;
      return slots.map((slot) => ('product' in slot ? (results[position++] ?? failedResult(ErrorCode.VENDOR_ERROR, 'shopify did not report this change')) : slot.fixed));
    },
  };
}

