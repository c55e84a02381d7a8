import { responsePathAsArray } from 'graphql';
import { listProducts } from '../src/catalog/product-listing.ts';
import type { VendorResolvers } from '../src/generated/resolvers-types.ts';
import { STOCK_FIELDS, selectsAnyField } from './selection.ts';

export const vendorResolvers: VendorResolvers = {
  id: (vendor) => vendor.info.id,
  name: (vendor) => vendor.info.name,
  platform: (vendor) => vendor.info.platform,
  health: (vendor, _args, ctx) => ctx.services.health.snapshot(vendor.info.id),
  products: (vendor, { filter, first, after }, ctx, info) =>
    listProducts(ctx, {
      vendorIds: [vendor.info.id],
      filter: filter ?? {},
      first,
      after: after ?? null,
      includeInventoryLevels: selectsAnyField(info, STOCK_FIELDS),
      path: responsePathAsArray(info.path),
    }),
};
