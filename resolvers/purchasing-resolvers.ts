import type {
  MutationResolvers,
  PurchaseOrderConnectionResolvers,
  PurchaseOrderDeliveryResolvers,
  PurchaseOrderResolvers,
  QueryResolvers,
  ReorderSuggestionResolvers,
  SupplierResolvers,
} from '../src/generated/resolvers-types.ts';
import { supplierPerformance } from '../src/demand/supplier-performance.ts';
import { purchaseOrderCsv } from '../src/purchasing/purchase-order-csv.ts';

const instant = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Roles and the auto_reorder_enabled flag are declared on the fields in schema/purchasing.graphql. */
export const purchasingQueryResolvers: QueryResolvers = {
  suppliers: (_root, _args, ctx) => [...ctx.services.demand.suppliers.all()],
  supplier: (_root, { id }, ctx) => ctx.services.demand.suppliers.get(id),
  purchaseOrder: (_root, { id }, ctx) => ctx.services.purchasing.get(ctx, id),
  purchaseOrders: (_root, { status, first, after }, ctx) => ctx.services.purchasing.page(ctx, { status: status ?? null, first: first ?? 20, after: after ?? null }),
};

export const purchasingMutationResolvers: MutationResolvers = {
  createPurchaseOrderDrafts: (_root, { input }, ctx) => ctx.services.purchasing.createDrafts(ctx, input),
  submitPurchaseOrder: (_root, { id }, ctx) => ctx.services.purchasing.submit(ctx, id),
  receivePurchaseOrder: (_root, { input }, ctx) => ctx.services.purchasing.receive(ctx, input),
  cancelPurchaseOrder: (_root, { id }, ctx) => ctx.services.purchasing.cancel(ctx, id),
};

export const supplierResolvers: SupplierResolvers = {
  measuredLeadTime: (supplier, _args, ctx) => ctx.services.demand.leadTimes.measured(supplier.id),
  performance: (supplier, _args, ctx) => supplierPerformance(ctx, supplier.id),
};

export const purchaseOrderResolvers: PurchaseOrderResolvers = {
  supplier: (order, _args, ctx) => ctx.services.demand.suppliers.get(order.supplierId) ?? { id: order.supplierId, name: order.supplierId, leadTimeDays: 0, leadTimeStdDays: 0, skus: [] },
  createdAt: (order) => new Date(order.createdAt).toISOString(),
  submittedAt: (order) => instant(order.submittedAt),
  expectedAt: (order) => instant(order.expectedAt),
  receivedAt: (order) => instant(order.receivedAt),
  cancelledAt: (order) => instant(order.cancelledAt),
  csv: (order, _args, ctx) => purchaseOrderCsv(order, ctx.services.demand.suppliers.get(order.supplierId)?.name ?? order.supplierId),
};

export const purchaseOrderDeliveryResolvers: PurchaseOrderDeliveryResolvers = {
  at: (delivery) => new Date(delivery.at).toISOString(),
};

export const purchaseOrderConnectionResolvers: PurchaseOrderConnectionResolvers = {
  nodes: (connection) => connection.edges.map((edge) => edge.node),
};

export const reorderSupplierResolvers: Pick<ReorderSuggestionResolvers, 'supplier' | 'leadTimeSource'> = {
  supplier: (suggestion, _args, ctx) => (suggestion.leadTime.supplierId ? ctx.services.demand.suppliers.get(suggestion.leadTime.supplierId) : null),
  leadTimeSource: (suggestion) => suggestion.leadTime.source,
};
