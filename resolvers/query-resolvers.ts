import { responsePathAsArray } from 'graphql';
import { mayUseVendor, visibleVendors } from '../src/auth/vendor-visibility.ts';
import { listProducts, listingVendorIds } from '../src/catalog/product-listing.ts';
import { productById, productsBySku } from '../src/catalog/product-lookup.ts';
import type { QueryResolvers } from '../src/generated/resolvers-types.ts';
import { STOCK_FIELDS, selectsAnyField } from './selection.ts';

export const queryResolvers: QueryResolvers = {
  vendors: (_root, _args, ctx) => visibleVendors(ctx),

  vendor: (_root, { id }, ctx) => {
    return mayUseVendor(ctx, id) ? ctx.services.registry.get(id) : null;
  },

  product: (_root, { id }, ctx) => productById(ctx, id),

  productsBySku: (_root, { skus }, ctx, info) =>
    productsBySku(ctx, skus, { path: responsePathAsArray(info.path), includeInventoryLevels: selectsAnyField(info, STOCK_FIELDS) }),

  products: (_root, { vendorId, filter, first, after }, ctx, info) =>
    listProducts(ctx, {
      vendorIds: listingVendorIds(ctx, vendorId),
      filter: filter ?? {},
      first,
      after: after ?? null,
      includeInventoryLevels: selectsAnyField(info, STOCK_FIELDS),
      path: responsePathAsArray(info.path),
    }),
};
