import type { Resolvers } from '../src/generated/resolvers-types.ts';
import { flagQueryResolvers } from './flag-resolvers.ts';
import {
  forecastQueryResolvers,
  inventoryAnalyticsResolvers,
  productDemandResolvers,
  reorderSuggestionResolvers,
  vendorPerformanceField,
  vendorPerformanceResolvers,
  vendorReorderField,
} from './forecast-resolvers.ts';
import {
  auditQueryResolvers,
  inventoryAuditConnectionResolvers,
  inventoryAuditEntryResolvers,
  inventoryMutationResolvers,
} from './inventory-resolvers.ts';
import { inventoryLevelLocationField, locationQueryResolvers, vendorLocationsField } from './location-resolvers.ts';
import { productConnectionResolvers, standardizedProductResolvers } from './product-resolvers.ts';
import { queryResolvers } from './query-resolvers.ts';
import { syncJobConnectionResolvers, syncJobResolvers, syncMutationResolvers, syncQueryResolvers } from './sync-resolvers.ts';
import { inventoryChangeEventResolvers, realtimeMutationResolvers, realtimeSubscriptionResolvers } from './realtime-resolvers.ts';
import { vendorResolvers } from './vendor-resolvers.ts';
import { skuQueryResolvers, skuSummaryResolvers } from './sku-resolvers.ts';
import {
  purchaseOrderConnectionResolvers,
  purchaseOrderDeliveryResolvers,
  purchaseOrderResolvers,
  purchasingMutationResolvers,
  purchasingQueryResolvers,
  reorderSupplierResolvers,
  supplierResolvers,
} from './purchasing-resolvers.ts';

/** Every resolver map, one file per domain; thin adapters from arguments to services. */
export const resolvers: Resolvers = {
  Query: {
    ...queryResolvers,
    ...flagQueryResolvers,
    ...auditQueryResolvers,
    ...forecastQueryResolvers,
    ...syncQueryResolvers,
    ...locationQueryResolvers,
    ...skuQueryResolvers,
    ...purchasingQueryResolvers,
  },
  Mutation: { ...inventoryMutationResolvers, ...syncMutationResolvers, ...realtimeMutationResolvers, ...purchasingMutationResolvers },
  Subscription: realtimeSubscriptionResolvers,
  InventoryChangeEvent: inventoryChangeEventResolvers,
  StandardizedProduct: { ...standardizedProductResolvers, ...productDemandResolvers },
  ProductConnection: productConnectionResolvers,
  Vendor: { ...vendorResolvers, ...vendorPerformanceField, ...vendorReorderField, ...vendorLocationsField },
  InventoryLevel: inventoryLevelLocationField,
  VendorPerformance: vendorPerformanceResolvers,
  ReorderSuggestion: { ...reorderSuggestionResolvers, ...reorderSupplierResolvers },
  SkuSummary: skuSummaryResolvers,
  Supplier: supplierResolvers,
  PurchaseOrder: purchaseOrderResolvers,
  PurchaseOrderDelivery: purchaseOrderDeliveryResolvers,
  PurchaseOrderConnection: purchaseOrderConnectionResolvers,
  InventoryAnalytics: inventoryAnalyticsResolvers,
  InventoryAuditEntry: inventoryAuditEntryResolvers,
  InventoryAuditConnection: inventoryAuditConnectionResolvers,
  SyncJob: syncJobResolvers,
  SyncJobConnection: syncJobConnectionResolvers,
};
