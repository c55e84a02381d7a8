import type { Caller } from '../../model/caller.ts';

/**
 * Who a background poll runs as when its flag is evaluated: no roles, scoped to the one vendor,
 * so a GrowthBook rule targeting `vendors` (or `id: "stockgraph-poller"`) can switch polling of
 * that vendor on or off.
 */
export function pollerCaller(vendorId: string): Caller {
  return { id: 'stockgraph-poller', kind: 'anonymous', roles: new Set(), vendorScope: new Set([vendorId]) };
}
