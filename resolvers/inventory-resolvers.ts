import { inventoryChanges } from '../src/stock-changes/inventory-audit.ts';
import type {
  InventoryAuditConnectionResolvers,
  InventoryAuditEntryResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../src/generated/resolvers-types.ts';

/** Roles are declared on the fields in schema/inventory-mutations.graphql (@auth), not checked here. */
export const inventoryMutationResolvers: MutationResolvers = {
  setInventoryQuantities: (_root, { input }, ctx) => ctx.services.inventory.setQuantities(ctx, input),
  adjustInventoryQuantities: (_root, { input }, ctx) => ctx.services.inventory.adjustQuantities(ctx, input),
  syncInventory: (_root, { vendorId, full }, ctx) => ctx.services.syncJobs.syncInventory(ctx, vendorId ?? null, full ?? false),
};

export const auditQueryResolvers: QueryResolvers = {
  inventoryChanges: (_root, { filter, first, after }, ctx) => inventoryChanges(ctx, { filter: filter ?? null, first, after: after ?? null }),
};

export const inventoryAuditEntryResolvers: InventoryAuditEntryResolvers = {
  id: (entry) => String(entry.sequence),
  at: (entry) => new Date(entry.at).toISOString(),
  mutation: (entry) => (entry.mode === 'set' ? 'SET' : 'ADJUST'),
};

export const inventoryAuditConnectionResolvers: InventoryAuditConnectionResolvers = {
  nodes: (connection) => connection.edges.map((edge) => edge.node),
};
