/** Every feature flag the gateway evaluates (GrowthBook feature keys). */
export const FeatureFlag = {
  MCP_INTEGRATION: 'mcp_integration_enabled',
  SHOPIFY_INTEGRATION: 'shopify_integration_enabled',
  REAL_TIME_SYNC: 'real_time_sync_enabled',
  BULK_OPERATIONS: 'bulk_operations_enabled',
  ADVANCED_ANALYTICS: 'advanced_analytics_enabled',
  AUTO_REORDER: 'auto_reorder_enabled',
  VENDOR_PERFORMANCE_TRACKING: 'vendor_performance_tracking',
  DEMAND_FORECASTING: 'demand_forecasting_enabled',
  DEBUG_MODE: 'debug_mode',
} as const;

export type FeatureFlag = (typeof FeatureFlag)[keyof typeof FeatureFlag];

export const ALL_FLAGS: readonly FeatureFlag[] = Object.values(FeatureFlag);

export function isFeatureFlag(name: string): name is FeatureFlag {
  return (ALL_FLAGS as readonly string[]).includes(name);
}
