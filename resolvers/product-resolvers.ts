import { countProducts } from '../src/catalog/product-listing.ts';
import { inventoryLevelsOf } from '../src/catalog/product-lookup.ts';
import { settle } from '../src/catalog/settle.ts';
import type { ProductConnectionResolvers, StandardizedProductResolvers } from '../src/generated/resolvers-types.ts';

export const standardizedProductResolvers: StandardizedProductResolvers = {
  vendor: (product, _args, ctx) => ctx.services.registry.get(product.vendorId),
  // Synchronous when the levels came inline (see inventoryLevelsOf).
  inventoryLevels: (product, _args, ctx) => settle(inventoryLevelsOf(ctx, product), (levels) => [...levels]),
  totalAvailable: (product, _args, ctx) => {
    if (!product.inventoryTracked) return null;
    return settle(inventoryLevelsOf(ctx, product), (levels) => levels.reduce((sum, level) => sum + level.available, 0));
  },
};

export const productConnectionResolvers: ProductConnectionResolvers = {
  nodes: (connection) => connection.edges.map((edge) => edge.node),
  totalCount: (connection, _args, ctx) => countProducts(ctx, connection.scope.vendorIds, connection.scope.filter),
};
