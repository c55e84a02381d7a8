import type { VendorLimits } from '../src/vendors/vendor-source.ts';

/**
 * The fewest upstream requests an operation needs given what the vendor APIs permit (page size,
 * keys per batch request, stock inline with the product), and the longest chain of them that
 * must run one after another (`depth`). `depth × mean simulated latency` is the latency no server
 * can beat; what a server adds above it at low load is its own overhead.
 *
 * The model is generic over vendors (it reads each source's `limits`) and optimistic: it assumes
 * every vendor can return stock with a listing or lookup. Where an API cannot (a WooCommerce
 * variable product's variations live under their parent), the gateway's measured count is above
 * the floor and the per-endpoint breakdown in the results shows which calls make the difference.
 */
export interface UpstreamFloor {
  readonly calls: number;
  readonly depth: number;
  readonly note: string;
}

const batches = (keys: number, perRequest: number) => (keys <= 0 ? 0 : Math.ceil(keys / Math.max(1, perRequest)));

/**
 * Requests a listing needs beyond its pages to reach sellable SKUs that live under a parent.
 * WooCommerce REST v3 serves a variation only under its parent (`/products/{id}/variations`, no
 * cross-parent batch), so each variable parent on the page costs one request; they can run in
 * parallel. Native IDs of Woo variations are "<parent>:<variation>" (woocommerce-native-id.ts).
 */
export function childListCalls(platform: string, nativeIds: readonly string[]): number {
  if (platform !== 'woocommerce') return 0;
  return new Set(nativeIds.filter((id) => id.includes(':')).map((id) => id.split(':')[0])).size;
}

/** A listing page: vendors are read in order (stable cross-vendor cursors), each in pages. */
export function listingFloor(
  vendorsInOrder: ReadonlyArray<{ readonly limits: VendorLimits; readonly products: number; readonly childCalls: number }>,
): UpstreamFloor {
  let calls = 0;
  let depth = 0;
  for (const vendor of vendorsInOrder) {
    const pages = batches(vendor.products, vendor.limits.maxPageSize);
    calls += pages + vendor.childCalls;
    depth += pages + (vendor.childCalls > 0 ? 1 : 0);
  }
  return { calls, depth, note: 'list pages per vendor in order, stock inline, child reads in parallel' };
}

/** A lookup of `keys` codes at every vendor: vendors in parallel, each in batches of its limit. */
export function lookupFloor(vendors: ReadonlyArray<{ readonly limits: VendorLimits }>, keys: number): UpstreamFloor {
  const perVendor = vendors.map((vendor) => batches(keys, vendor.limits.maxBatchSize));
  return { calls: sum(perVendor), depth: Math.max(0, ...perVendor), note: 'batched lookups, vendors in parallel, stock inline' };
}

/** One product by ID without a cache: one request to its vendor. */
export function singleReadFloor(): UpstreamFloor {
  return { calls: 1, depth: 1, note: 'one read; a read cache can serve repeats with none' };
}

/**
 * Stock writes: per vendor, read the products (batched) then write (batched); vendors in parallel.
 */
export function writeFloor(changesPerVendor: ReadonlyArray<{ readonly limits: VendorLimits; readonly changes: number }>): UpstreamFloor {
  const perVendor = changesPerVendor.filter((vendor) => vendor.changes > 0).map((vendor) => 2 * batches(vendor.changes, vendor.limits.maxBatchSize));
  return { calls: sum(perVendor), depth: perVendor.length > 0 ? 2 : 0, note: 'batched product read + batched write per vendor, vendors in parallel' };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
