import type { GraphContext } from '../src/server/graph-context.ts';
import { locationByReference, productByReference, vendorByReference, type ProductReference } from '../src/federation/entity-references.ts';

/** How `_entities` turns a supergraph's representation into our object: one per entity type. */
export const entityReferenceResolvers = {
  StandardizedProduct: (reference: ProductReference, ctx: GraphContext) => productByReference(ctx, reference),
  Vendor: (reference: { id: string }, ctx: GraphContext) => vendorByReference(ctx, reference),
  Location: (reference: { id: string }, ctx: GraphContext) => locationByReference(ctx, reference),
};
