import type { Attributes } from '@growthbook/growthbook';
import type { Caller } from '../model/caller.ts';

/**
 * The GrowthBook attributes of a caller. Rules target them by these names (documented in the
 * README): `id` (API key id or JWT subject; the hash attribute of percentage rollouts),
 * `kind` (api-key, jwt, anonymous), `roles` (effective roles, e.g. ["viewer", "admin"]),
 * `vendors` (the vendor scope; empty when the caller may see every vendor), `allVendors`,
 * `environment` (production or development) and `demo`.
 */
export function callerAttributes(caller: Caller, deployment: { environment: string; demo: boolean }): Attributes {
  return {
    id: caller.id,
    kind: caller.kind,
    roles: [...caller.roles].sort(),
    vendors: caller.vendorScope ? [...caller.vendorScope].sort() : [],
    allVendors: caller.vendorScope === null,
    environment: deployment.environment,
    demo: deployment.demo,
  };
}
