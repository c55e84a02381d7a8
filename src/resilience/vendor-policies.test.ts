import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { VendorPolicies } from './vendor-policies.ts';

describe('VendorPolicies', () => {
  const policies = new VendorPolicies(
    [
      { id: 'acme-shopify', platform: 'shopify' },
      { id: 'acme-woo', platform: 'woocommerce', resilience: { timeoutMs: 2000 } },
    ],
    { logger: pino({ level: 'silent' }) },
  );

  it('builds one policy per vendor from its platform defaults and overrides', () => {
    expect(policies.get('acme-shopify').costBudget).toBeDefined();
    expect(policies.get('acme-woo').costBudget).toBeUndefined();
    expect(policies.get('acme-woo').settings.timeoutMs).toBe(2000);
    expect(policies.get('acme-woo')).toBe(policies.get('acme-woo'));
    expect(() => policies.get('nope')).toThrow('no resilience policy for vendor "nope"');
  });

  it('answers health snapshots in the shape Vendor.health reads', () => {
    expect(policies.snapshot('acme-shopify')).toMatchObject({ status: 'UP', circuit: 'CLOSED', errorRate: 0, latencyP95Ms: null, rateLimitRemaining: 1, windowCalls: 0, lastError: null, lastErrorAt: null });
    expect(policies.snapshot('nope')).toMatchObject({ status: 'UNKNOWN', windowCalls: 0 });
  });
});
