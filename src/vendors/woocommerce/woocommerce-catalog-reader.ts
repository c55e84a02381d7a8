import type { StandardProduct } from '../../model/standard-model.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { WooCommerceClient } from './woocommerce-client.ts';
import { PARENT_SUMMARY_FIELDS, WOO_MAX_PER_PAGE, chunk, wooPaths } from './woocommerce-endpoints.ts';
import { mapSimpleProduct, mapVariation, productAsVariation, type WooMappingContext } from './woocommerce-mapper.ts';
import { parseWooNativeId, type WooItemRef } from './woocommerce-native-id.ts';
import { parseWoo } from './woocommerce-parse.ts';
import { skuFilterGroups } from './woocommerce-sku-filter.ts';
import {
  WOO_PRODUCT_FIELDS,
  WOO_VARIATION_FIELDS,
  wooParentSummarySchema,
  wooProductListSchema,
  wooVariationListSchema,
  type WooParentSummary,
  type WooProduct,
  type WooVariation,
} from './woocommerce-schemas.ts';

const VARIATION_QUERY = { orderby: 'id', order: 'asc', _fields: WOO_VARIATION_FIELDS } as const;

/**
 * Batched reads of sellable SKUs, in the fewest requests the v3 API allows:
 * - by native id: one `GET /products?include=` per 100 distinct product ids (simple products and
 *   the parents of requested variations together), plus one `GET /products/{p}/variations?include=`
 *   per parent (variations are only reachable under their parent);
 * - by SKU: one `GET /products?sku=a,b,…` filter for as many SKUs as fit a safe URL, its result
 *   paged 100 at a time (with a `sku` filter the endpoint also searches variations; 120 SKUs
 *   take 2 requests), plus one `GET /products?include=…&_fields=id,name,status` per 100
 *   distinct parents of matched variations (a variation's name and status come from its parent).
 */
export class WooCatalogReader {
  private readonly client: WooCommerceClient;
  private readonly mapping: WooMappingContext;

  constructor(client: WooCommerceClient, mapping: WooMappingContext) {
    this.client = client;
    this.mapping = mapping;
  }

  async byNativeIds(ctx: UpstreamCallContext, nativeIds: readonly string[]): Promise<Array<StandardProduct | null>> {
    const refs = nativeIds.map(parseWooNativeId);
    const productIds = new Set<number>();
    const variationIdsByParent = new Map<number, Set<number>>();
    for (const ref of refs) {
      if (!ref) continue;
      productIds.add(ref.productId);
      if (ref.kind === 'variation') {
        const ids = variationIdsByParent.get(ref.productId) ?? new Set<number>();
        ids.add(ref.variationId);
        variationIdsByParent.set(ref.productId, ids);
      }
    }
    const [products, variationLists] = await Promise.all([
      this.productsByIds(ctx, [...productIds]),
      Promise.all([...variationIdsByParent].map(([parentId, ids]) => this.variationsOf(ctx, parentId, [...ids]))),
    ]);
    const byId = new Map(products.map((product) => [product.id, product]));
    const variationsById = new Map<number, WooVariation>();
    for (const variation of variationLists.flat()) variationsById.set(variation.id, variation);
    return refs.map((ref) => (ref ? this.mapRef(ref, byId, variationsById) : null));
  }

  async bySkus(ctx: UpstreamCallContext, skus: readonly string[]): Promise<StandardProduct[][]> {
    const groups = skuFilterGroups([...new Set(skus.filter((sku) => sku.length > 0))]);
    const pages = await Promise.all(
      groups.map((group) => this.client.getAll(ctx, wooPaths.products(), { sku: group.join(','), _fields: WOO_PRODUCT_FIELDS }, 'productsBySku')),
    );
    const found = parseWoo(wooProductListSchema, pages.flat(), 'productsBySku', this.mapping.vendorId);
    const parentIds = [...new Set(found.filter((item) => item.type === 'variation').map((item) => item.parent_id))];
    const parents = await this.parentSummaries(ctx, parentIds);
    const bySku = new Map<string, StandardProduct[]>();
    for (const item of found) {
      const mapped = this.mapSkuMatch(item, parents);
      if (!mapped?.sku) continue;
      // WooCommerce compares SKUs case-insensitively (MySQL collation); the gateway matches exactly.
      const list = bySku.get(mapped.sku) ?? [];
      if (!list.some((existing) => existing.nativeId === mapped.nativeId)) list.push(mapped);
      bySku.set(mapped.sku, list);
    }
    return skus.map((sku) => bySku.get(sku) ?? []);
  }

  /** All variations of one parent (paged), or only the given ones. */
  async variationsOf(ctx: UpstreamCallContext, parentId: number, ids?: readonly number[]): Promise<WooVariation[]> {
    const path = wooPaths.variations(parentId);
    const bodies = ids
      ? await Promise.all(chunk(ids, WOO_MAX_PER_PAGE).map((group) => this.client.getAll(ctx, path, { ...VARIATION_QUERY, include: group.join(',') }, 'variations')))
      : [await this.fetchVariations(ctx, parentId)];
    return this.parseVariations(bodies.flat());
  }

  /**
   * All variations of one parent as WooCommerce sent them (every page, JSON, not yet checked):
   * the listing lets the next parent's request go before it validates and maps these.
   */
  fetchVariations(ctx: UpstreamCallContext, parentId: number): Promise<unknown[]> {
    return this.client.getAll(ctx, wooPaths.variations(parentId), VARIATION_QUERY, 'variations');
  }

  /** Fetched variations checked against the documented shape (a mismatch is a VALIDATION failure). */
  parseVariations(fetched: readonly unknown[]): WooVariation[] {
    return parseWoo(wooVariationListSchema, fetched, 'variations', this.mapping.vendorId);
  }

  async parentSummaries(ctx: UpstreamCallContext, ids: readonly number[]): Promise<Map<number, WooParentSummary>> {
    const bodies = await Promise.all(
      chunk(ids, WOO_MAX_PER_PAGE).map((group) =>
        this.client.getAll(ctx, wooPaths.products(), { include: group.join(','), _fields: PARENT_SUMMARY_FIELDS }, 'parentProducts'),
      ),
    );
    const summaries = parseWoo(wooParentSummarySchema.array(), bodies.flat(), 'parentProducts', this.mapping.vendorId);
    return new Map(summaries.map((summary) => [summary.id, summary]));
  }

  private async productsByIds(ctx: UpstreamCallContext, ids: readonly number[]): Promise<WooProduct[]> {
    const bodies = await Promise.all(
      chunk(ids, WOO_MAX_PER_PAGE).map((group) => this.client.getAll(ctx, wooPaths.products(), { include: group.join(','), _fields: WOO_PRODUCT_FIELDS }, 'productsById')),
    );
    return parseWoo(wooProductListSchema, bodies.flat(), 'productsById', this.mapping.vendorId);
  }

  private mapRef(ref: WooItemRef, products: Map<number, WooProduct>, variations: Map<number, WooVariation>): StandardProduct | null {
    const product = products.get(ref.productId);
    if (!product) return null;
    if (ref.kind === 'product') return product.type === 'simple' ? mapSimpleProduct(product, this.mapping) : null;
    const variation = variations.get(ref.variationId);
    return variation && product.type === 'variable' ? mapVariation(variation, product, this.mapping) : null;
  }

  private mapSkuMatch(item: WooProduct, parents: Map<number, WooParentSummary>): StandardProduct | null {
    if (item.type === 'simple') return mapSimpleProduct(item, this.mapping);
    if (item.type !== 'variation') return null; // a variable/grouped/external parent's SKU is not a sellable SKU
    const parent = parents.get(item.parent_id);
    return parent ? mapVariation(productAsVariation(item), parent, this.mapping) : null;
  }
}
