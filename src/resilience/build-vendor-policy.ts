import { bulkhead } from 'cockatiel';
import type { Logger } from 'pino';
import { backoffSchedule } from './backoff-schedule.ts';
import { buildCircuitBreaker } from './circuit-breaker.ts';
import { systemClock, type Clock } from './clock.ts';
import type { BucketRejections } from './paced-token-bucket.ts';
import { resolveResilience, type VendorPlatformName } from './platform-defaults.ts';
import { localBudgets, type BudgetFactory } from './budget-factory.ts';
import type { RateBudget } from './rate-budget.ts';
import type { ResilienceConfig } from '../config/resilience-config.ts';
import { deadlineExceeded, rateBudgetExhausted, RejectionReason } from './resilience-errors.ts';
import { RefusalLog } from './refusal-log.ts';
import { RetryBudget } from './retry-budget.ts';
import { VendorHealth } from './vendor-health.ts';
import { VendorResiliencePolicy, type VendorPolicy } from './vendor-policy.ts';

/** The slice of a vendor's config the policy is built from (every VendorConfig fits). */
export interface VendorPolicyConfig {
  readonly id: string;
  readonly platform: VendorPlatformName;
  readonly resilience?: ResilienceConfig;
}

export interface VendorPolicyOptions {
  readonly logger: Logger;
  /** Defaults to the system clock; tests pass a virtual one to drive pacing. */
  readonly clock?: Clock;
  /** Source of jitter; defaults to Math.random. */
  readonly random?: () => number;
  /** Called before every retry attempt (the gateway counts them in stockgraph_upstream_retries_total). */
  readonly onRetry?: (vendorId: string) => void;
  /** Called for every call refused to protect the vendor (the gateway counts them in stockgraph_vendor_refusals_total). */
  readonly onRefusal?: (vendorId: string, reason: RejectionReason) => void;
  /** Where rate and cost budgets live; in memory unless several instances share them (src/scaleout). */
  readonly budgets?: BudgetFactory;
}

/** Builds ONE policy for a vendor at start-up; share it across every request to that vendor. */
export function buildVendorPolicy(vendor: VendorPolicyConfig, options: VendorPolicyOptions): VendorPolicy {
  const settings = resolveResilience(vendor.platform, vendor.resilience);
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ vendorId: vendor.id, component: 'resilience' });
  const retryBudget = new RetryBudget(settings.retryBudget, clock);

  const health: VendorHealth = new VendorHealth(vendor.id, clock, {
    rateBudget: () => rateBudget?.snapshot() ?? null,
    retryBudgetRemaining: () => retryBudget.remaining(),
  });
  const refusals = new RefusalLog(logger, clock, { vendorId: vendor.id, rateLimit: settings.rateLimit, bulkhead: settings.bulkhead });
  const refused = (reason: RejectionReason, retryAfterMs?: number) => {
    options.onRefusal?.(vendor.id, reason);
    refusals.refused(reason, retryAfterMs);
  };
  const rejections: BucketRejections = {
    exhausted: (waitMs) => {
      health.recordRejection(RejectionReason.RATE_BUDGET);
      const error = rateBudgetExhausted(vendor.id, waitMs);
      refused(RejectionReason.RATE_BUDGET, Number(error.extensions.retryAfterMs));
      return error;
    },
    aborted: () => deadlineExceeded(vendor.id),
  };
  const budgets = options.budgets ?? localBudgets;
  const costBudget = settings.costBudget ? budgets.shopifyCost(vendor.id, settings.costBudget, clock, rejections) : undefined;
  const rateBudget: RateBudget | undefined =
    costBudget ?? (settings.rateLimit ? budgets.requestRate(vendor.id, settings.rateLimit, clock, rejections) : undefined);

  return new VendorResiliencePolicy({
    vendorId: vendor.id,
    settings,
    logger,
    clock,
    random: options.random ?? Math.random,
    health,
    retryBudget,
    retryPlan: { settings: settings.retry, schedule: backoffSchedule(settings.retry) },
    breaker: buildCircuitBreaker(settings.breaker, clock),
    bulkhead: bulkhead(settings.bulkhead.maxConcurrent, settings.bulkhead.maxQueue),
    rateBudget,
    costBudget,
    onRetry: options.onRetry,
    onRefusal: (reason) => refused(reason),
  });
}
