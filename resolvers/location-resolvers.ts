import { responsePathAsArray } from 'graphql';
import { locationById, locationOfLevel, vendorLocations } from '../src/catalog/location-lookup.ts';
import type { InventoryLevelResolvers, QueryResolvers, VendorResolvers } from '../src/generated/resolvers-types.ts';

export const locationQueryResolvers: QueryResolvers = {
  location: (_root, { id }, ctx) => locationById(ctx, id),
};

export const inventoryLevelLocationField: InventoryLevelResolvers = {
  location: (level, _args, ctx, info) => locationOfLevel(ctx, level, responsePathAsArray(info.path)),
};

export const vendorLocationsField: VendorResolvers = {
  locations: async (vendor, _args, ctx) => [...(await vendorLocations(ctx, vendor.info.id))],
};
