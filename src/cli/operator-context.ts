import { allFlagsOn } from '../flags/flag-evaluator.ts';
import { CallerRole, effectiveRoles, type Caller } from '../model/caller.ts';
import type { SyncCallerContext } from '../sync/sync-caller-context.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';

/**
 * The operator at the command line: whoever holds the configuration may use every configured
 * vendor, as the incremental sync schedule does (it starts jobs with no caller at all).
 */
export const OPERATOR: Caller = { id: 'stockgraph-cli', kind: 'anonymous', roles: effectiveRoles([CallerRole.ADMIN]), vendorScope: null };

export function operatorContext(registry: VendorRegistry, signal: AbortSignal): SyncCallerContext {
  return { caller: OPERATOR, flags: allFlagsOn, services: { registry }, signal, deadline: Number.MAX_SAFE_INTEGER };
}
