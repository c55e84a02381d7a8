import type { ProductFilter } from '../../model/standard-model.ts';

/**
 * Shopify does not publish a maximum length for the `query` search argument; we keep each
 * search string under this budget so a batch of SKUs never depends on an undocumented limit.
 */
export const SEARCH_QUERY_MAX_CHARS = 2_500;
const OR = ' OR ';

/** A quoted search value (shopify.dev search syntax: quotes allowed, `\` escapes). */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function skuTerm(sku: string): string {
  return `sku:${quoteSearchValue(sku)}`;
}

/**
 * Splits SKUs into as few `sku:"…" OR sku:"…"` searches as possible, each at most `maxTerms`
 * terms (what the cost allows per page) and at most SEARCH_QUERY_MAX_CHARS characters.
 */
export function chunkSkuSearches(skus: readonly string[], maxTerms: number, maxChars = SEARCH_QUERY_MAX_CHARS): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const sku of skus) {
    const added = skuTerm(sku).length + (current.length > 0 ? OR.length : 0);
    if (current.length > 0 && (current.length >= maxTerms || length + added > maxChars)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    length += current.length > 0 ? added : skuTerm(sku).length;
    current.push(sku);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function skuSearch(skus: readonly string[]): string {
  return skus.map(skuTerm).join(OR);
}

/** The gateway's product filter in Shopify's productVariants search syntax (null: no filter). */
export function filterSearch(filter: ProductFilter): string | null {
  const terms: string[] = [];
  if (filter.status) terms.push(`product_status:${filter.status.toLowerCase()}`);
  if (filter.updatedSince) terms.push(`updated_at:>=${quoteSearchValue(filter.updatedSince)}`);
  if (filter.query && filter.query.trim() !== '') terms.push(quoteSearchValue(filter.query.trim()));
  return terms.length > 0 ? terms.join(' AND ') : null;
}
