/**
 * Keeps one `GET /products?sku=…` request line far below the 8,190 bytes Apache allows by default
 * (LimitRequestLine; nginx's large_client_header_buffers is 8 KiB): room is left for the path,
 * paging parameters and, with queryStringAuth, the consumer key and secret.
 */
export const MAX_SKU_FILTER_CHARS = 6_000;

/**
 * SKUs grouped into as few `sku=a,b,…` filters as fit the URL. WooCommerce's `sku` filter takes a
 * comma list of any length (WC_REST_Products_Controller splits it on commas) and `per_page` bounds
 * the RESULT, not the filter: the result is paged, so there is no reason to cut the list at 100.
 * The filter splits on commas, so a SKU that contains one can only be asked for alone.
 */
export function skuFilterGroups(skus: readonly string[], maxEncodedChars = MAX_SKU_FILTER_CHARS): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const sku of skus) {
    if (sku.includes(',')) {
      groups.push([sku]);
      continue;
    }
    const cost = encodeURIComponent(sku).length + 3; // the `%2C` separator
    if (current.length > 0 && chars + cost > maxEncodedChars) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(sku);
    chars += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
