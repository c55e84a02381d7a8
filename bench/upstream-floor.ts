import { planListing } from '../src/vendors/shopify/shopify-cost-plan.ts';
import type { VendorLimits } from '../src/vendors/vendor-source.ts';

/**
 * The fewest upstream requests an operation needs given what the vendor APIs permit (page size,
 * keys per batch request, stock inline with the product), and the longest chain of them that
 * must run one after another (`depth`). `depth × mean simulated latency` is the latency no server
 * can beat; what a server adds above it at low load is its own overhead.
 *
 * The model reads each source's `limits` and is optimistic: it assumes every vendor can return
 * stock with a listing or lookup. Two vendor rules it does know, because no client can avoid them:
 * a WooCommerce variable product's variations live under their parent (one more request per
 * parent), and a Shopify query may not ask for more than 1,000 cost points, so a page that
 * carries stock holds fewer variants than `maxPageSize` (Shopify's cost plan decides how many).
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

/** One vendor's share of a listing page: the products it supplies and what its API charges for them. */
export interface ListingShare {
  readonly platform: string;
  readonly limits: VendorLimits;
  readonly products: number;
  /** Requests for children that live under their parent (childListCalls). */
  readonly childCalls: number;
  /** The shop's locations (stock levels per product); only Shopify's cost depends on it. */
  readonly locations: number;
}

/**
 * Requests and chain length for one vendor's share of a listing with stock. Pages follow
 * cursors, so they run one after another; child reads of one page run in parallel.
 * Shopify: the cost plan's choice (stock inline in pages of ≤1,000 points, e.g. 55 variants
 * with 3 locations; or plain pages then level batches by id, in parallel). A page's cursor is
 * only known from the page before, but a client that remembers the boundaries of a listing it
 * read before can ask for every page at once (the gateway does: cursor-page-prefetch.ts), so
 * the chain of a repeated listing is one round trip (plus one for separate level batches).
 */
export function vendorListingCost(share: ListingShare): { calls: number; depth: number } {
  if (share.products <= 0) return { calls: 0, depth: 0 };
  if (share.platform === 'shopify') {
    const plan = planListing(share.products, share.locations, true);
    return { calls: plan.requests, depth: plan.inline ? 1 : 2 };
  }
  const pages = batches(share.products, share.limits.maxPageSize);
  return { calls: pages + share.childCalls, depth: pages + (share.childCalls > 0 ? 1 : 0) };
}

/** A listing page: vendors are read in order (stable cross-vendor cursors), each in pages. */
export function listingFloor(vendorsInOrder: readonly ListingShare[]): UpstreamFloor {
  let calls = 0;
  let depth = 0;
  for (const vendor of vendorsInOrder) {
    const cost = vendorListingCost(vendor);
    calls += cost.calls;
    depth += cost.depth;
  }
  return { calls, depth, note: 'pages per vendor in order (Shopify: pages capped at 1,000 cost points, in parallel on remembered cursors), child reads in parallel' };
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

/** One vendor's part of a stock write: the levels it changes (one location each), by native product ID. */
export interface WriteShare {
  readonly platform: string;
  readonly limits: VendorLimits;
  readonly locations: number;
  readonly nativeIds: readonly string[];
}

/** Magento caps a synchronous input list at 20 items when input limits are on (api-security). */
const MAGENTO_SOURCE_ITEMS_PER_POST = 20;
/** Shopify: a mutation's input array holds at most 250 quantities. */
const SHOPIFY_QUANTITIES_PER_MUTATION = 250;

/**
 * Setting absolute quantities exactly once needs the current quantity first (the audit's
 * `before`, compare-and-set where the vendor has none) and then the write. Per vendor:
 * - Shopify: variants with their levels inline (cost-capped pages by id) → one
 *   `inventorySetQuantities` per 250 (it takes inventory item IDs, hence the read); depth 2.
 * - WooCommerce: a read and a batch write per 100 simple products, and the same for each variable
 *   parent's variations (only reachable under their parent); depth 2.
 * - Magento (MSI): the product search (source items are keyed by SKU, the gateway's IDs are
 *   entity IDs) → the source-items read → one POST per 20; depth 3.
 * - Custom: batch reads, then one PUT per level (no batch write); depth 2.
 * Vendors run in parallel, so the depth is the deepest vendor's.
 */
export function vendorWriteCost(share: WriteShare): { calls: number; depth: number } {
  const changes = share.nativeIds.length;
  if (changes === 0) return { calls: 0, depth: 0 };
  switch (share.platform) {
    case 'shopify': {
      const readBatch = planListing(changes, share.locations, true).pageSize;
      return { calls: batches(changes, readBatch) + batches(changes, SHOPIFY_QUANTITIES_PER_MUTATION), depth: 2 };
    }
    case 'woocommerce': {
      const simple = share.nativeIds.filter((id) => !id.includes(':')).length;
      const perParent = new Map<string, number>();
      for (const id of share.nativeIds.filter((candidate) => candidate.includes(':'))) {
        const parent = id.split(':')[0] ?? id;
        perParent.set(parent, (perParent.get(parent) ?? 0) + 1);
      }
      const groups = batches(simple, share.limits.maxBatchSize) + sum([...perParent.values()].map((count) => batches(count, share.limits.maxBatchSize)));
      return { calls: 2 * groups, depth: 2 };
    }
    case 'magento':
      return { calls: 2 + batches(changes, MAGENTO_SOURCE_ITEMS_PER_POST), depth: 3 };
    default:
      return { calls: batches(changes, share.limits.maxBatchSize) + changes, depth: 2 };
  }
}

/** Stock writes: every vendor's reads then writes, vendors in parallel. */
export function writeFloor(shares: readonly WriteShare[]): UpstreamFloor {
  const costs = shares.map(vendorWriteCost);
  return {
    calls: sum(costs.map((cost) => cost.calls)),
    depth: Math.max(0, ...costs.map((cost) => cost.depth)),
    note: 'per vendor the current levels (batched) then the write (batched where the API can), vendors in parallel',
  };
}

/** The floor of a scenario whose requests cycle through several shapes: mean calls, deepest chain. */
export function meanFloor(floors: readonly UpstreamFloor[]): UpstreamFloor {
  const first = floors[0];
  if (!first) return { calls: 0, depth: 0, note: '' };
  return { calls: sum(floors.map((floor) => floor.calls)) / floors.length, depth: Math.max(...floors.map((floor) => floor.depth)), note: `${first.note}; mean over ${String(floors.length)} request shapes` };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
