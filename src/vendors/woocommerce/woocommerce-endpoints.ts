/**
 * Paths and limits of the WooCommerce REST API v3 (docs: woocommerce/woocommerce-rest-api-docs,
 * source/includes/wp-api-v3). Paths are relative to `{site}/wp-json/wc/v3`.
 */
export const WOO_API_PREFIX = '/wp-json/wc/v3';

/** WordPress REST collections reject `per_page` above 100 (`rest_invalid_param`, 400). */
export const WOO_MAX_PER_PAGE = 100;

/** Batch endpoints accept at most 100 create+update+delete objects (`woocommerce_rest_request_entity_too_large`, 413). */
export const WOO_MAX_BATCH = 100;

export const wooPaths = {
  products: () => '/products',
  product: (productId: number) => `/products/${String(productId)}`,
  productsBatch: () => '/products/batch',
  variations: (productId: number) => `/products/${String(productId)}/variations`,
  variation: (productId: number, variationId: number) => `/products/${String(productId)}/variations/${String(variationId)}`,
  variationsBatch: (productId: number) => `/products/${String(productId)}/variations/batch`,
} as const;

/** The parent fields a variation's mapping needs; `_fields` is WordPress's response-field filter. */
export const PARENT_SUMMARY_FIELDS = 'id,name,status';
/** What counting needs from a parent product. */
export const COUNT_FIELDS = 'id,type,status,variations';
/** What the stock writer reads and verifies (`type` tells a simple product from a variable parent). */
export const STOCK_FIELDS = 'id,type,manage_stock,stock_quantity,date_modified_gmt';

/** Splits keys into request-sized chunks. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
