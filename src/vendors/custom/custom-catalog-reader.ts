import type { GatewayError } from '../../errors/gateway-error.ts';
import type { InventoryLevel, ProductFilter, StandardProduct } from '../../model/standard-model.ts';
import type { ProductPage, ProductPageRequest, UpstreamCallContext } from '../vendor-source.ts';
import { shapeError } from './custom-client.ts';
import type { CustomMapping } from '../../config/vendors/custom/custom-config.ts';
import { splitFilter } from './custom-filters.ts';
import type { CustomLookup } from './custom-lookup.ts';
import { mapCustomItem, type MapOutcome } from './custom-mapper.ts';
import { decodePosition, encodePosition, type CustomPaginator, type ListPosition } from './custom-pagination.ts';

/** Upper bound of list requests behind one page when a filter is applied here and pages come back thin. */
const MAX_FETCHES_PER_PAGE = 20;

/** Reads a custom vendor's catalog as its mapping describes: listing, counts, lookups and levels. */
export class CustomCatalogReader {
  private readonly vendorId: string;
  private readonly mapping: CustomMapping;
  private readonly paginator: CustomPaginator;
  private readonly lookup: CustomLookup;
  private readonly maxPageSize: number;

  constructor(vendorId: string, mapping: CustomMapping, paginator: CustomPaginator, lookup: CustomLookup) {
    this.vendorId = vendorId;
    this.mapping = mapping;
    this.paginator = paginator;
    this.lookup = lookup;
    this.maxPageSize = mapping.list.pageSize.max;
  }

  async list(ctx: UpstreamCallContext, request: ProductPageRequest): Promise<ProductPage> {
    const want = Math.max(1, Math.min(request.first, this.maxPageSize));
    const filter = splitFilter(request.filter, this.mapping.list, this.mapping.fields);
    let position: ListPosition | null = decodePosition(request.after, this.mapping.list);
    const products: StandardProduct[] = [];
    for (let fetches = 0; position !== null && products.length < want && fetches < MAX_FETCHES_PER_PAGE; fetches++) {
      // With a filter applied here, ask for full pages: most items may be dropped.
      const size = filter.local ? this.maxPageSize : want - products.length;
      const chunk = await this.paginator.fetch(ctx, position, size, filter.query);
      let consumed = 0;
      for (const raw of chunk.items) {
        if (products.length >= want) break;
        consumed++;
        const product = this.listed(mapCustomItem(raw, this.mapping.fields, this.vendorId));
        if (!filter.local || filter.local(product)) products.push(product);
      }
      position = chunk.positionAfter(consumed);
    }
    return { products, endCursor: position === null ? null : encodePosition(position), hasNextPage: position !== null };
  }

  /**
   * From the list answer's total (one request asking for one item) when the mapping names one and
   * the vendor applies every filter; otherwise by walking the listing at the largest page size.
   */
  async count(ctx: UpstreamCallContext, filter: ProductFilter): Promise<number> {
    const split = splitFilter(filter, this.mapping.list, this.mapping.fields);
    const start = decodePosition(null, this.mapping.list);
    if (this.mapping.list.total && !split.local) {
      const chunk = await this.paginator.fetch(ctx, start, 1, split.query);
      if (chunk.total !== null) return chunk.total;
    }
    let count = 0;
    let position: ListPosition | null = start;
    while (position !== null) {
      const chunk = await this.paginator.fetch(ctx, position, this.maxPageSize, split.query);
      for (const raw of chunk.items) {
        if (!split.local || split.local(this.listed(mapCustomItem(raw, this.mapping.fields, this.vendorId)))) count++;
      }
      position = chunk.positionAfter(chunk.items.length);
    }
    return count;
  }

  async byNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<ReadonlyArray<StandardProduct | null | Error>> {
    const found = await this.lookup.fetch(ctx, this.mapping.lookup.byIds, this.mapping.fields.id, nativeIds);
    return nativeIds.map((id) => {
      const outcome = found.get(id)?.[0];
      return outcome === undefined ? null : this.slot(outcome);
    });
  }

  async bySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<ReadonlyArray<readonly StandardProduct[] | Error>> {
    const bySkus = this.mapping.lookup.bySkus;
    const skuPath = this.mapping.fields.sku;
    if (!skuPath) return skus.map(() => []);
    const found = bySkus ? await this.lookup.fetch(ctx, bySkus, skuPath, skus) : await this.scanForSkus(ctx, skus);
    return skus.map((sku) => {
      const slots = (found.get(sku) ?? []).map((outcome) => this.slot(outcome));
      return slots.find((slot) => slot instanceof Error) ?? (slots as StandardProduct[]);
    });
  }

  async levels(ctx: UpstreamCallContext, products: readonly StandardProduct[]): Promise<ReadonlyArray<readonly InventoryLevel[] | Error>> {
    if (!this.mapping.fields.inventory) return products.map(() => []);
    const missing = products.filter((product) => product.inventoryLevels === undefined).map((product) => product.nativeId);
    const fetched = missing.length > 0 ? await this.byNativeIds(ctx, missing) : [];
    const byId = new Map(missing.map((id, index) => [id, fetched[index]]));
    return products.map((product) => {
      if (product.inventoryLevels !== undefined) return product.inventoryLevels;
      const refreshed = byId.get(product.nativeId);
      if (refreshed instanceof Error) return refreshed;
      return refreshed?.inventoryLevels ?? [];
    });
  }

  /** Without a SKU lookup in the mapping, SKUs are found by walking the whole listing (documented fallback). */
  private async scanForSkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<Map<string, MapOutcome[]>> {
    const found = new Map<string, MapOutcome[]>(skus.map((sku) => [sku, []]));
    let position: ListPosition | null = decodePosition(null, this.mapping.list);
    while (position !== null) {
      const chunk = await this.paginator.fetch(ctx, position, this.maxPageSize, {});
      for (const raw of chunk.items) {
        const outcome = mapCustomItem(raw, this.mapping.fields, this.vendorId);
        if (outcome.ok && outcome.product.sku !== null) found.get(outcome.product.sku)?.push(outcome);
      }
      position = chunk.positionAfter(chunk.items.length);
    }
    return found;
  }

  /** A listed item that does not fit the mapping fails the page: skipping it would hide it silently. */
  private listed(outcome: MapOutcome): StandardProduct {
    if (outcome.ok) return outcome.product;
    throw this.mappingError(outcome);
  }

  private slot(outcome: MapOutcome): StandardProduct | Error {
    return outcome.ok ? outcome.product : this.mappingError(outcome);
  }

  private mappingError(outcome: Extract<MapOutcome, { ok: false }>): GatewayError {
    const which = outcome.nativeId === null ? 'an item' : `item ${outcome.nativeId}`;
    return shapeError(this.vendorId, `${which} does not match the mapping: ${outcome.problem}`);
  }
}

