import { describe, expect, it } from 'vitest';
import { limitsConfigSchema } from '../config/config-schema.ts';
import { DEVELOPMENT_CALLER, effectiveRoles, type Caller } from '../model/caller.ts';
import { allFlagsOn, fixedFlags } from '../flags/flag-evaluator.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import { ToolRegistry } from './tool-registry.ts';

const LIMITS = limitsConfigSchema.parse({ requestTimeoutMs: 10_000, maxPageSize: 100, maxSkusPerQuery: 40, bulkThreshold: 50, maxChangesPerMutation: 60 });
const viewer: Caller = { id: 'v', kind: 'api-key', roles: effectiveRoles(['viewer']), vendorScope: null };

describe('the tool registry', () => {
  const registry = new ToolRegistry(LIMITS);

  it('builds input schemas from the configured limits', () => {
    const getStock = registry.get('get_stock')!;
    expect(getStock.inputJsonSchema).toMatchObject({ type: 'object', additionalProperties: false, required: ['skus'], properties: { skus: { maxItems: 40 } } });
    expect(getStock.input.safeParse({ skus: Array.from({ length: 41 }, (_, n) => `S${n}`) }).success).toBe(false);
    expect(registry.get('set_inventory')!.inputJsonSchema).toMatchObject({ properties: { changes: { maxItems: 60 } } });
    expect(registry.get('search_products')!.input.parse({})).toEqual({ first: 20 });
  });

  it('keeps the named operation of each tool as text, printed once', () => {
    expect(registry.get('get_stock')).toMatchObject({ operationName: 'McpGetStock' });
    expect(registry.get('get_stock')!.query).toContain('productsBySku(skus: $skus)');
  });

  it('allows a tool when the caller holds its role and its flag is on', () => {
    const names = (caller: Caller, flags = allFlagsOn) => registry.allowedFor(caller, flags).map(({ tool }) => tool.name);
    expect(names(DEVELOPMENT_CALLER)).toHaveLength(13);
    expect(names(viewer)).toEqual(['list_vendors', 'search_products', 'get_stock', 'forecast_demand', 'reorder_suggestions', 'sync_status']);
    expect(names(viewer, fixedFlags([FeatureFlag.DEMAND_FORECASTING]))).toEqual(['list_vendors', 'search_products', 'get_stock', 'forecast_demand', 'sync_status']);
  });
});
