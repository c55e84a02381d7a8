import { UpstreamError } from '../../errors/gateway-error.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import type { WooCommerceClient } from './woocommerce-client.ts';
import { STOCK_FIELDS, WOO_MAX_PER_PAGE, chunk, wooPaths } from './woocommerce-endpoints.ts';
import { refNativeId, type WooItemRef } from './woocommerce-native-id.ts';
import { parseWoo } from './woocommerce-parse.ts';
import { wooStockSchema, type WooStock } from './woocommerce-schemas.ts';

const HTTP_NOT_FOUND = 404;

/**
 * Current stock of WooCommerce items, keyed by native ID ("<id>" or "<parent>:<variation>"), in
 * the fewest requests the v3 API allows, all in parallel: products in one `GET /products?include=`
 * per 100, and variations in one `GET /products/{parent}/variations?include=` per parent and 100
 * (a variation is only reachable under its parent: `include` on `/products` never matches one).
 * `_fields` trims each answer to the stock fields. An unknown parent (404) just finds nothing.
 */
export async function readWooStocks(client: WooCommerceClient, vendorId: string, ctx: UpstreamCallContext, refs: readonly WooItemRef[]): Promise<Map<string, WooStock>> {
  const productIds = [...new Set(refs.filter((ref) => ref.kind === 'product').map((ref) => ref.productId))];
  const byParent = new Map<number, Set<number>>();
  for (const ref of refs) {
    if (ref.kind === 'variation') byParent.set(ref.productId, (byParent.get(ref.productId) ?? new Set()).add(ref.variationId));
  }
  const read = async (parent: number | null, path: string, ids: readonly number[]) => {
    try {
      return { parent, body: await client.getAll(ctx, path, { include: ids.join(','), _fields: STOCK_FIELDS }, 'readStock') };
    } catch (error) {
      if (parent !== null && error instanceof UpstreamError && error.status === HTTP_NOT_FOUND) return { parent, body: [] };
      throw error;
    }
  };
  const answers = await Promise.all([
    ...chunk(productIds, WOO_MAX_PER_PAGE).map((ids) => read(null, wooPaths.products(), ids)),
    ...[...byParent].flatMap(([parent, ids]) => chunk([...ids], WOO_MAX_PER_PAGE).map((group) => read(parent, wooPaths.variations(parent), group))),
  ]);
  const stocks = new Map<string, WooStock>();
  for (const { parent, body } of answers) {
    for (const stock of parseWoo(wooStockSchema.array(), body, 'readStock', vendorId)) {
      const ref: WooItemRef = parent === null ? { kind: 'product', productId: stock.id } : { kind: 'variation', productId: parent, variationId: stock.id };
      stocks.set(refNativeId(ref), stock);
    }
  }
  return stocks;
}
