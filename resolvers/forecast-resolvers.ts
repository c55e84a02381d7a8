import { DEMAND_CLASS_ENUM } from '../src/demand/demand-class-name.ts';
import { forecastFor, productForecast } from '../src/demand/forecast-service.ts';
import { inventoryAnalytics, productAnalytics } from '../src/demand/analytics-service.ts';
import { reorderSuggestions } from '../src/demand/reorder-service.ts';
import { vendorPerformance } from '../src/demand/vendor-performance.ts';
import type {
  InventoryAnalyticsResolvers,
  QueryResolvers,
  ReorderSuggestionResolvers,
  StandardizedProductResolvers,
  VendorPerformanceResolvers,
  VendorResolvers,
} from '../src/generated/resolvers-types.ts';

/** Forecasting, reorder, performance and analytics: arguments in, one demand service call out. */
export const forecastQueryResolvers: Pick<QueryResolvers, 'forecast' | 'reorderSuggestions' | 'inventoryAnalytics'> = {
  forecast: (_root, { sku, vendorId, horizonDays }, ctx) => forecastFor(ctx, vendorId, sku, horizonDays),
  reorderSuggestions: (_root, { vendorId, serviceLevel }, ctx) => reorderSuggestions(ctx, vendorId, serviceLevel),
  inventoryAnalytics: (_root, { vendorId, sortBy, first }, ctx) => inventoryAnalytics(ctx, vendorId, sortBy, first),
};

export const productDemandResolvers: Pick<StandardizedProductResolvers, 'forecast' | 'analytics'> = {
  forecast: (product, { horizonDays }, ctx) => productForecast(ctx, product, horizonDays),
  analytics: (product, _args, ctx) => productAnalytics(ctx, product),
};

export const vendorPerformanceField: Pick<VendorResolvers, 'performance'> = {
  performance: (vendor, _args, ctx) => vendorPerformance(ctx, vendor.info.id),
};

export const vendorReorderField: Pick<VendorResolvers, 'reorderSuggestions'> = {
  reorderSuggestions: (vendor, { serviceLevel }, ctx) => reorderSuggestions(ctx, vendor.info.id, serviceLevel),
};

export const vendorPerformanceResolvers: VendorPerformanceResolvers = {
  apiErrorRate: (performance) => performance.api.errorRate,
  apiLatencyP95Ms: (performance) => performance.api.latencyP95Ms,
};

export const reorderSuggestionResolvers: ReorderSuggestionResolvers = {
  eoq: (suggestion) => suggestion.policy.eoq,
  coverDaysQuantity: (suggestion) => suggestion.policy.coverDaysOrderQuantity,
  z: (suggestion) => suggestion.policy.z,
  meanDailyDemand: (suggestion) => suggestion.policy.meanDemand,
  sigma: (suggestion) => suggestion.policy.sigma,
  safetyStock: (suggestion) => suggestion.policy.safetyStock,
  reorderPoint: (suggestion) => suggestion.policy.reorderPoint,
  empiricalReorderPoint: (suggestion) => suggestion.policy.empiricalReorderPoint,
  daysOfCover: (suggestion) => suggestion.policy.daysOfCover,
  stockoutProbability: (suggestion) => suggestion.policy.stockoutProbability,
  method: (suggestion) => suggestion.policy.method,
  demandClass: (suggestion) => DEMAND_CLASS_ENUM[suggestion.policy.demandClass],
};

export const inventoryAnalyticsResolvers: InventoryAnalyticsResolvers = {
  demandClass: (row) => DEMAND_CLASS_ENUM[row.demandClass],
};
