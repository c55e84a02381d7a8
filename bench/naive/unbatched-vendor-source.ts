import type { InventoryLevel, ProductFilter, StandardProduct } from '../../src/model/standard-model.ts';
import type {
  ProductPage,
  ProductPageRequest,
  StockWritePlan,
  StockWritePlanner,
  UpstreamCallContext,
  VendorSource,
} from '../../src/vendors/vendor-source.ts';

/**
 * The naive baseline's view of a vendor: the same source, but every key is its own upstream call
 * (what `new DataLoader(fn, { batch: false })` would do) and a listing never asks for stock
 * inline, so each product's levels cost a call of their own. This is the N+1 resolver the gateway
 * exists to avoid, built from the real source so both servers speak to the vendors identically.
 */
export class UnbatchedVendorSource implements VendorSource {
  readonly info;
  readonly limits;
  private readonly inner: VendorSource;

  constructor(inner: VendorSource) {
    this.inner = inner;
    this.info = inner.info;
    this.limits = inner.limits;
  }

  async listProducts(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage> {
    const page = await this.inner.listProducts(ctx, { ...request, includeInventoryLevels: false });
    return { ...page, products: page.products.map(withoutLevels) };
  }

  countProducts(ctx: UpstreamCallContext, filter: ProductFilter): Promise<number> {
    return this.inner.countProducts(ctx, filter);
  }

  productsByNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<ReadonlyArray<StandardProduct | null | Error>> {
    return oneCallPerKey(nativeIds, async (id) => (await this.inner.productsByNativeIds(ctx, [id])).map((found) => (found && !(found instanceof Error) ? withoutLevels(found) : found)));
  }

  productsBySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<ReadonlyArray<readonly StandardProduct[] | Error>> {
    return oneCallPerKey(skus, async (sku) => (await this.inner.productsBySkus(ctx, [sku])).map((found) => (found instanceof Error ? found : found.map(withoutLevels))));
  }

  async inventoryLevels(ctx: UpstreamCallContext, products: readonly StandardProduct[]): Promise<ReadonlyArray<readonly InventoryLevel[] | Error>> {
    return oneCallPerKey(products, (product) => this.inner.inventoryLevels(ctx, [product]));
  }

  /**
   * One write per change, each planned, locked, read and sent on its own, with its own key (as a
   * vendor that deduplicates would demand): no batching of the prepare read or of the write.
   * Like a hand-written per-change resolver, a change holds its own lock only around its own read
   * and again around its own write, never while it waits for another change's lock: two changes
   * sharing a lock (two WooCommerce variations of one parent) would otherwise each hold one lock and
   * wait for the other's forever.
   */
  readonly stockWrites: StockWritePlanner = {
    plan: async (ctx, requests, options) => {
      const plans = await Promise.all(
        requests.map((request, index) => this.inner.stockWrites.plan(ctx, [request], { ...options, idempotencyKey: `${options.idempotencyKey}:${String(index)}` })),
      );
      return {
        lock: () => Promise.resolve(() => undefined),
        prepare: async (callCtx) => {
          const prepared = await Promise.all(plans.map((plan) => underOwnLock(plan, () => plan.prepare(callCtx))));
          return {
            refusals: prepared.map((one) => one.refusals[0] ?? null),
            commit: async (commitCtx) =>
              (await Promise.all(prepared.map((one, index) => underOwnLock(plans[index]!, () => one.commit(commitCtx))))).map((results) => {
                const first = results[0];
                if (!first) throw new Error(`${this.info.id} answered no result for a change`);
                return first;
              }),
          };
        },
      };
    },
  };

  close(): Promise<void> {
    return this.inner.close?.() ?? Promise.resolve();
  }
}

/** Levels some vendors send with a product are dropped: the naive levels resolver always asks. */
function withoutLevels(product: StandardProduct): StandardProduct {
  if (product.inventoryLevels === undefined) return product;
  const { inventoryLevels: _levels, ...rest } = product;
  return rest;
}

async function oneCallPerKey<K, V>(keys: readonly K[], call: (key: K) => Promise<ReadonlyArray<V | Error>>): Promise<Array<V | Error>> {
  return Promise.all(
    keys.map(async (key) => {
      try {
        const [value] = await call(key);
        return value === undefined ? new Error('vendor source answered no entry for a key') : value;
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

async function underOwnLock<T>(plan: StockWritePlan, work: () => Promise<T>): Promise<T> {
  const release = await plan.lock();
  try {
    return await work();
  } finally {
    release();
  }
}
