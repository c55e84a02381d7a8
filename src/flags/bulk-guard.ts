import type { GatewayConfig } from '../config/config-schema.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { FlagEvaluator } from './flag-evaluator.ts';
import { FeatureFlag } from './flag-names.ts';

/** The slice of a request context the guard reads (a RequestContext satisfies it). */
export interface BulkGuardContext {
  readonly flags: FlagEvaluator;
  readonly services: { readonly config: Pick<GatewayConfig, 'limits'> };
}

/**
 * For the inventory mutations: a call with more changes than `limits.bulkThreshold` is a bulk
 * operation and needs `bulk_operations_enabled` for the caller. Call it before any vendor call.
 */
export function assertBulkAllowed(ctx: BulkGuardContext, changeCount: number): void {
  const threshold = ctx.services.config.limits.bulkThreshold;
  if (changeCount <= threshold || ctx.flags.isOn(FeatureFlag.BULK_OPERATIONS)) return;
  throw new GatewayError(
    ErrorCode.FEATURE_DISABLED,
    `${changeCount} changes in one call is a bulk operation, which is not enabled for this caller (feature flag "${FeatureFlag.BULK_OPERATIONS}"); send at most ${threshold} changes per call`,
    { extensions: { flag: FeatureFlag.BULK_OPERATIONS, threshold } },
  );
}
