import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { assertBulkAllowed } from './bulk-guard.ts';
import { fixedFlags } from './flag-evaluator.ts';
import { FeatureFlag } from './flag-names.ts';

const limits = { requestTimeoutMs: 10_000, maxPageSize: 250, maxSkusPerQuery: 250, bulkThreshold: 50, maxChangesPerMutation: 250 };
const context = (bulkOn: boolean) => ({
  flags: fixedFlags(bulkOn ? [FeatureFlag.BULK_OPERATIONS] : []),
  services: { config: { limits } },
});

describe('assertBulkAllowed', () => {
  it('lets any call up to the threshold through, whatever the flag', () => {
    expect(() => assertBulkAllowed(context(false), 1)).not.toThrow();
    expect(() => assertBulkAllowed(context(false), 50)).not.toThrow();
  });

  it('refuses a call above the threshold with FEATURE_DISABLED when bulk_operations_enabled is off', () => {
    let thrown: unknown;
    try {
      assertBulkAllowed(context(false), 51);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).code).toBe(ErrorCode.FEATURE_DISABLED);
    expect((thrown as GatewayError).extensions).toMatchObject({ flag: 'bulk_operations_enabled', threshold: 50 });
    expect((thrown as GatewayError).message).toMatch(/send at most 50 changes per call/);
  });

  it('allows a call above the threshold when the flag is on for the caller', () => {
    expect(() => assertBulkAllowed(context(true), 200)).not.toThrow();
  });
});
