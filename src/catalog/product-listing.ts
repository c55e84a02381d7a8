import { mayUseVendor, visibleVendorIds } from '../auth/vendor-visibility.ts';
import type { RequestContext } from '../context/request-context.ts';
import { GatewayError, badUserInput } from '../errors/gateway-error.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { asVendorError } from '../errors/as-vendor-error.ts';
import type { ProductFilter, StandardProduct } from '../model/standard-model.ts';
import type { VendorSource } from '../vendors/vendor-source.ts';
import { decodeListingCursor, encodeListingCursor, type ListingPosition } from './listing-cursor.ts';
import type { ProductConnectionResult } from './product-connection.ts';
import { prefetchInventoryLevels } from './inventory-prefetch.ts';
import { readListingPage } from './listing-page-read.ts';

export interface ListProductsArgs {
  readonly vendorIds: readonly string[];
  readonly filter: ProductFilter;
  readonly first: number;
  readonly after: string | null;
  /** True when the selection reads stock, so sources may fetch levels with the page. */
  readonly includeInventoryLevels: boolean;
  /** Response path of the field (aliases, nesting) for a failing vendor's partial error; default ["products"]. */
  readonly path?: ReadonlyArray<string | number>;
}

/**
 * One page of SKUs across vendors: vendors in registry order, each vendor's own order within.
 * A vendor that fails mid-listing adds a partial error (with its id) and the listing moves on to
 * the next vendor, so one vendor's outage never empties the page.
 */
export async function listProducts(ctx: RequestContext, args: ListProductsArgs): Promise<ProductConnectionResult> {
  const maxPageSize = ctx.services.config.limits.maxPageSize;
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxPageSize) {
    throw badUserInput(`"first" must be between 1 and ${maxPageSize}; got ${args.first}`, 'first');
  }
  const vendors = args.vendorIds.map((id) => ctx.services.registry.get(id));
  const start = args.after ? decodeListingCursor(args.after) : null;
  let index = start ? vendors.findIndex((vendor) => vendor.info.id === start.vendorId) : 0;
  if (index < 0) throw badUserInput('"after" belongs to a listing over other vendors', 'after');

  const edges: Array<{ cursor: string; node: StandardProduct }> = [];
  let position: ListingPosition | null = start;
  let exhausted = false;
  while (edges.length < args.first) {
    const vendor = vendors[index];
    if (!vendor) {
      exhausted = true;
      break;
    }
    const page = await readVendorPage(ctx, vendor, position, args.first - edges.length, args);
    edges.push(...page.edges);
    if (page.next) {
      position = page.next;
    } else {
      index += 1;
      position = null;
    }
  }
  const hasNextPage = !exhausted && (position !== null || (await anyVendorHasProducts(ctx, vendors.slice(index), args.filter)));
  ctx.loaders.prime(edges.map((edge) => edge.node));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: start !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    scope: { vendorIds: args.vendorIds, filter: args.filter },
  };
}

interface VendorPageRead {
  readonly edges: Array<{ cursor: string; node: StandardProduct }>;
  /** Where this vendor continues, or null when it has no more. */
  readonly next: ListingPosition | null;
}

async function readVendorPage(
  ctx: RequestContext,
  vendor: VendorSource,
  position: ListingPosition | null,
  wanted: number,
  args: ListProductsArgs,
): Promise<VendorPageRead> {
  const vendorId = vendor.info.id;
  const skip = position?.skip ?? 0;
  const startCursor = position?.vendorCursor ?? null;
  const size = Math.min(vendor.limits.maxPageSize, wanted + skip);
  let page;
  try {
    page = await readListingPage(ctx, vendor, { first: size, after: startCursor, filter: args.filter, includeInventoryLevels: args.includeInventoryLevels });
  } catch (error) {
    ctx.partialErrors.push(asVendorError(error, vendorId, args.path ?? ['products']));
    return { edges: [], next: null };
  }
  const taken = page.products.slice(skip, skip + wanted);
  if (args.includeInventoryLevels) await prefetchInventoryLevels(ctx, vendorId, taken);
  const consumedAll = skip + taken.length >= page.products.length;
  // Cursors are encoded only when read (`edges { cursor }`, pageInfo): a `nodes` page needs two of 100.
  const edges = taken.map((node, offset) => {
    const isPageEnd = consumedAll && offset === taken.length - 1;
    const position = isPageEnd && page.hasNextPage ? { vendorId, vendorCursor: page.endCursor, skip: 0 } : { vendorId, vendorCursor: startCursor, skip: skip + offset + 1 };
    return {
      node,
      get cursor(): string {
        return encodeListingCursor(position);
      },
    };
  });
  let next: ListingPosition | null = null;
  if (!consumedAll) next = { vendorId, vendorCursor: startCursor, skip: skip + taken.length };
  else if (page.hasNextPage) next = { vendorId, vendorCursor: page.endCursor, skip: 0 };
  return { edges, next };
}

async function anyVendorHasProducts(ctx: RequestContext, vendors: readonly VendorSource[], filter: ProductFilter): Promise<boolean> {
  for (const vendor of vendors) {
    try {
      if ((await vendor.countProducts(ctx, filter)) > 0) return true;
    } catch {
      return true; // unknown: let the client ask; the next page reports the vendor's error
    }
  }
  return false;
}

/** Vendor ids a listing spans: one vendor, or every vendor the caller may see. */
export function listingVendorIds(ctx: RequestContext, vendorId: string | null | undefined): string[] {
  if (vendorId) {
    if (!mayUseVendor(ctx, vendorId)) {
      throw new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${vendorId}"`, { extensions: { field: 'vendorId' } });
    }
    return [vendorId];
  }
  return visibleVendorIds(ctx);
}

/** Total SKUs across the listing's vendors; a failing vendor makes the count an error. */
export async function countProducts(ctx: RequestContext, vendorIds: readonly string[], filter: ProductFilter): Promise<number> {
  const counts = await Promise.all(vendorIds.map((id) => ctx.services.registry.get(id).countProducts(ctx, filter)));
  return counts.reduce((sum, count) => sum + count, 0);
}
