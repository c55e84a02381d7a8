import { buildVendorPolicy, type VendorPolicyConfig, type VendorPolicyOptions } from './build-vendor-policy.ts';
import { CircuitStatus, HealthStatus, type VendorHealthSnapshot } from './vendor-health.ts';
import type { VendorPolicy } from './vendor-policy.ts';

/**
 * Every vendor's policy, built once at start-up, and the health provider the server reads
 * (`snapshot(vendorId)` for `Vendor.health`, the status page and /ready).
 */
export class VendorPolicies {
  private readonly byId: ReadonlyMap<string, VendorPolicy>;

  constructor(vendors: readonly VendorPolicyConfig[], options: VendorPolicyOptions) {
    this.byId = new Map(vendors.map((vendor) => [vendor.id, buildVendorPolicy(vendor, options)]));
  }

  /** The policy to hand the vendor's source (VendorDeps.policy). */
  get(vendorId: string): VendorPolicy {
    const policy = this.byId.get(vendorId);
    if (!policy) throw new Error(`no resilience policy for vendor "${vendorId}"; build VendorPolicies from the same vendor list`);
    return policy;
  }

  snapshot(vendorId: string): VendorHealthSnapshot {
    return this.byId.get(vendorId)?.health.snapshot() ?? unknownHealth(vendorId);
  }
}

function unknownHealth(vendorId: string): VendorHealthSnapshot {
  return {
    status: HealthStatus.UNKNOWN,
    circuit: CircuitStatus.CLOSED,
    errorRate: 0,
    latencyP95Ms: null,
    rateLimitRemaining: null,
    windowCalls: 0,
    lastError: null,
    lastErrorAt: null,
    lastErrorClass: null,
    vendorId,
    windowSeconds: 0,
    failures: 0,
    rejected: 0,
    rateBudget: null,
    retryBudgetRemaining: 0,
  };
}
