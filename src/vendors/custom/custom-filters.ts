import type { ProductFilter, StandardProduct } from '../../model/standard-model.ts';
import type { CustomFields } from '../../config/vendors/custom/custom-fields-config.ts';
import type { ListConfig } from '../../config/vendors/custom/custom-list-config.ts';

/** A product filter split into what the vendor does (query parameters) and what we do on each page. */
export interface SplitFilter {
  readonly query: Record<string, string>;
  /** Null when the vendor applies everything; pages may come back short when it is not. */
  readonly local: ((product: StandardProduct) => boolean) | null;
}

export function splitFilter(filter: ProductFilter, list: ListConfig, fields: CustomFields): SplitFilter {
  const params = list.filters ?? {};
  const query: Record<string, string> = {};
  const checks: Array<(product: StandardProduct) => boolean> = [];

  const status = filter.status ?? null;
  if (status) {
    // The vendor can filter only when exactly one of its values means this status.
    const vendorValues = Object.entries(fields.status?.map ?? {}).filter(([, mapped]) => mapped === status).map(([value]) => value);
    const only = vendorValues.length === 1 && !fields.status?.default ? vendorValues[0] : undefined;
    if (params.status && only !== undefined) query[params.status] = only;
    else checks.push((product) => product.status === status);
  }
  const text = filter.query?.trim();
  if (text) {
    if (params.query) query[params.query] = text;
    else {
      const needle = text.toLowerCase();
      checks.push((product) => product.name.toLowerCase().includes(needle) || (product.sku ?? '').toLowerCase().includes(needle));
    }
  }
  const since = filter.updatedSince ?? null;
  if (since) {
    if (params.updatedSince) query[params.updatedSince] = since;
    else {
      const sinceMs = Date.parse(since);
      checks.push((product) => product.updatedAt !== null && Date.parse(product.updatedAt) >= sinceMs);
    }
  }
  return { query, local: checks.length === 0 ? null : (product) => checks.every((check) => check(product)) };
}
