import { badUserInput } from '../../errors/gateway-error.ts';
import { ProductStatus, type ProductFilter, type StandardProduct } from '../../model/standard-model.ts';
import type { ProductPage, ProductPageRequest, UpstreamCallContext } from '../vendor-source.ts';
import type { WooCatalogReader } from './woocommerce-catalog-reader.ts';
import type { WooCommerceClient, WooQuery } from './woocommerce-client.ts';
import { COUNT_FIELDS, WOO_MAX_PER_PAGE, wooPaths } from './woocommerce-endpoints.ts';
import { mapSimpleProduct, mapVariation, mapWooStatus, type WooMappingContext } from './woocommerce-mapper.ts';
import { parseWoo } from './woocommerce-parse.ts';
import { WOO_PRODUCT_FIELDS, wooProductListSchema, wooProductSchema, type WooProduct } from './woocommerce-schemas.ts';

/**
 * Position in the SKU stream: parent page `p` (of `n` parents, ordered by id ascending) and
 * `s` SKUs of that page already passed. A simple product is one SKU, a variable product
 * `variations.length` SKUs, other types none, so a resumed page skips whole parents without
 * fetching their variations. Page numbers shift if products are deleted while a client pages
 * (WooCommerce has no keyset filter such as `id > x`); new products append at the end.
 */
interface ListCursor {
  readonly p: number;
  readonly n: number;
  readonly s: number;
}

const countSchema = wooProductSchema.pick({ id: true, type: true, status: true, variations: true });

/** What a listing reads through: pages of parents, and the variations of one parent. */
export type WooListingClient = Pick<WooCommerceClient, 'get' | 'getAll'>;
export type WooVariationReader = Pick<WooCatalogReader, 'fetchVariations' | 'parseVariations'>;

export class WooListing {
  private readonly client: WooListingClient;
  private readonly reader: WooVariationReader;
  private readonly mapping: WooMappingContext;
  private readonly lanes: number;

  /** `lanes`: variation lists read at once while paging (see variationLanes). */
  constructor(client: WooListingClient, reader: WooVariationReader, mapping: WooMappingContext, lanes = DEFAULT_VARIATION_LANES) {
    this.client = client;
    this.reader = reader;
    this.mapping = mapping;
    this.lanes = lanes;
  }

  async list(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage> {
    const first = Math.max(1, Math.min(request.first, WOO_MAX_PER_PAGE));
    let cursor = request.after ? decodeCursor(request.after) : { p: 1, n: first, s: 0 };
    const products: StandardProduct[] = [];
    const query = { ...filterQuery(request.filter), orderby: 'id', order: 'asc', _fields: WOO_PRODUCT_FIELDS };
    for (;;) {
      const page = await this.client.get(ctx, wooPaths.products(), { ...query, page: cursor.p, per_page: cursor.n }, 'products');
      const parents = parseWoo(wooProductListSchema, page.body, 'products', this.mapping.vendorId).filter((parent) =>
        parentMatches(parent, request.filter),
      );
      const pageSize = parents.reduce((sum, parent) => sum + skuCount(parent), 0);
      const expanded = this.prefetchVariations(ctx, parents, cursor.s, first - products.length);
      let position = 0;
      for (const parent of parents) {
        const size = skuCount(parent);
        if (position + size <= cursor.s) {
          position += size;
          continue;
        }
        for (const sku of await (expanded.get(parent.id) ?? this.expand(ctx, parent))) {
          if (position++ < cursor.s) continue;
          if (skuMatches(sku, request.filter)) products.push(sku);
          if (products.length === first) {
            const more = position < pageSize || cursor.p < page.totalPages;
            const next = position < pageSize ? { ...cursor, s: position } : { ...cursor, p: cursor.p + 1, s: 0 };
            return { products, endCursor: more ? encodeCursor(next) : null, hasNextPage: more };
          }
        }
      }
      if (cursor.p >= page.totalPages) return { products, endCursor: null, hasNextPage: false };
      cursor = { ...cursor, p: cursor.p + 1, s: 0 };
    }
  }

  /**
   * Sellable SKUs = simple products + variations. Counted from the parents alone: one
   * `GET /products?type=simple&per_page=1` read for its `X-WP-Total`, plus the variable parents
   * with `_fields=id,variations` (100 a page) summing `variations.length`: 1 + ceil(V/100)
   * requests for V variable products, no variation is fetched. A DRAFT filter spans four
   * WooCommerce statuses, so it walks all parents (`status=any`, ceil(P/100) requests) instead.
   * Variation-level status (a disabled variation under a published parent) is not seen here.
   */
  async count(ctx: UpstreamCallContext, filter: ProductFilter): Promise<number> {
    const query = filterQuery(filter);
    if (filter.status === ProductStatus.DRAFT) {
      const parents = await this.client.getAll(ctx, wooPaths.products(), { ...query, _fields: COUNT_FIELDS }, 'countProducts');
      return parseWoo(countSchema.array(), parents, 'countProducts', this.mapping.vendorId)
        .filter((parent) => mapWooStatus(parent.status) === ProductStatus.DRAFT)
        .reduce((sum, parent) => sum + skuCount(parent), 0);
    }
    const [simple, variable] = await Promise.all([
      this.client.get(ctx, wooPaths.products(), { ...query, type: 'simple', per_page: 1, _fields: 'id' }, 'countProducts'),
      this.client.getAll(ctx, wooPaths.products(), { ...query, type: 'variable', _fields: 'id,variations' }, 'countProducts'),
    ]);
    const variations = parseWoo(countSchema.pick({ id: true, variations: true }).array(), variable, 'countProducts', this.mapping.vendorId);
    return simple.total + variations.reduce((sum, parent) => sum + parent.variations.length, 0);
  }

  /**
   * Variations live under their parent, one request per variable product. The parents this page
   * will need are known up front (by their `variations` counts), so their variations are fetched
   * in parallel, `lanes` at a time (as many as the vendor's bulkhead admits), not one after another.
   * A lane that finishes takes the next parent in page order, whichever lane it is: one slow answer
   * holds up only its own parent, not the parents that would otherwise have queued behind it.
   * A lane is free as soon as its answer has arrived: the next parent's request is sent before
   * that answer is validated and mapped (see expandVariable), as a bare client's pool would send it.
   */
  private prefetchVariations(ctx: UpstreamCallContext, parents: readonly WooProduct[], skip: number, wanted: number): Map<number, Promise<StandardProduct[]>> {
    const needed: WooProduct[] = [];
    let position = 0;
    let collected = 0;
    for (const parent of parents) {
      const size = skuCount(parent);
      if (position + size > skip && collected < wanted) {
        if (parent.type === 'variable' && size > 0) needed.push(parent);
        collected += position + size - Math.max(position, skip);
      }
      position += size;
    }
    const expanded = new Map<number, Promise<StandardProduct[]>>();
    const starts: Array<() => void> = [];
    let next = 0;
    /** Starts the next waiting parent's read; false when none was waiting. */
    const startNext = (): boolean => {
      const start = starts[next++];
      start?.();
      return start !== undefined;
    };
    for (const parent of needed) {
      let freed = false;
      const freeLane = (): boolean => {
        if (freed) return false;
        freed = true;
        return startNext();
      };
      const result = new Promise<void>((resolve) => starts.push(resolve)).then(() => this.expandVariable(ctx, parent, freeLane));
      // A failed parent frees its lane too; a prefetch the loop never awaits (the page filled up
      // first) must not be an unhandled rejection.
      result.then(freeLane, freeLane);
      expanded.set(parent.id, result);
    }
    for (let lane = 0; lane < this.lanes; lane++) startNext();
    return expanded;
  }

  private async expand(ctx: UpstreamCallContext, parent: WooProduct): Promise<StandardProduct[]> {
    if (parent.type === 'simple') return [mapSimpleProduct(parent, this.mapping)];
    if (parent.type !== 'variable' || parent.variations.length === 0) return [];
    return this.expandVariable(ctx, parent, () => false);
  }

  /**
   * One variable parent's SKUs. `arrived` is told when the variations are here, before they are
   * checked; it answers whether that started another parent's read. If it did, this waits one
   * turn of the event loop, so that read's request (a chain of promise callbacks through the
   * resilience policy) is on the wire before this answer is validated and mapped: otherwise every
   * hand-off on a lane would wait for the previous answer's validation.
   */
  private async expandVariable(ctx: UpstreamCallContext, parent: WooProduct, arrived: () => boolean): Promise<StandardProduct[]> {
    const fetched = await this.reader.fetchVariations(ctx, parent.id);
    if (arrived()) await new Promise((resolve) => setImmediate(resolve));
    return this.reader.parseVariations(fetched).map((variation) => mapVariation(variation, parent, this.mapping));
  }
}

/** Variation lists read at once when nothing says more (below the default bulkhead of 6). */
const DEFAULT_VARIATION_LANES = 4;

/**
 * Variation lists one page reads at once: as many as the vendor's bulkhead admits (WooCommerce's
 * default: 6), so the bulkhead is what protects the shop and a page of 19 variable products is not
 * 5 round trips deep when it could be 4 (or 2 where the operator allows 16). At most 16, the
 * vendor's keep-alive pool (VendorHttpClient), beyond which calls only queue in the pool.
 */
export function variationLanes(bulkheadMaxConcurrent: number): number {
  return Math.max(1, Math.min(16, bulkheadMaxConcurrent));
}

function skuCount(parent: Pick<WooProduct, 'type' | 'variations'>): number {
  if (parent.type === 'simple') return 1;
  return parent.type === 'variable' ? parent.variations.length : 0;
}

/** The filter as WooCommerce query parameters (`status` takes one value; DRAFT is four, filtered here). */
function filterQuery(filter: ProductFilter): WooQuery {
  const statusParam = { [ProductStatus.ACTIVE]: 'publish', [ProductStatus.DRAFT]: 'any', [ProductStatus.ARCHIVED]: 'trash' } as const;
  return {
    status: filter.status ? statusParam[filter.status] : undefined,
    search: filter.query || undefined,
    ...(filter.updatedSince ? { modified_after: toWooDate(filter.updatedSince), dates_are_gmt: 'true' } : {}),
  };
}

function parentMatches(parent: WooProduct, filter: ProductFilter): boolean {
  return filter.status !== ProductStatus.DRAFT || mapWooStatus(parent.status) === ProductStatus.DRAFT;
}

function skuMatches(product: StandardProduct, filter: ProductFilter): boolean {
  return !filter.status || product.status === filter.status;
}

function toWooDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw badUserInput(`"updatedSince" is not an ISO 8601 date-time: ${JSON.stringify(iso)}`, 'updatedSince');
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, '');
}

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(`woo1:${String(cursor.p)}:${String(cursor.n)}:${String(cursor.s)}`, 'utf8').toString('base64url');
}

function decodeCursor(value: string): ListCursor {
  const match = /^woo1:(\d{1,9}):(\d{1,3}):(\d{1,9})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  const [p, n, s] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (p < 1 || n < 1 || n > WOO_MAX_PER_PAGE) throw badUserInput(`"after" is not a cursor of this list: ${JSON.stringify(value)}`, 'after');
  return { p, n, s };
}
