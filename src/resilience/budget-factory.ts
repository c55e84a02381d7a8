import type { Clock } from './clock.ts';
import type { BucketRejections } from './paced-token-bucket.ts';
import { RequestRateLimiter, type CostBudget, type RateBudget } from './rate-budget.ts';
import type { CostBudgetSettings, RateLimitSettings } from '../config/resilience-config.ts';
import { ShopifyCostBudget } from './shopify-cost-budget.ts';

/**
 * Where a vendor's rate and cost budgets live. One process keeps them in memory (`localBudgets`);
 * several instances share each vendor account's budget through Redis (src/scaleout), injected at
 * start-up so this layer never knows which.
 */
export interface BudgetFactory {
  requestRate(vendorId: string, settings: RateLimitSettings, clock: Clock, rejections: BucketRejections): RateBudget;
  shopifyCost(vendorId: string, settings: CostBudgetSettings, clock: Clock, rejections: BucketRejections): CostBudget;
}

export const localBudgets: BudgetFactory = {
  requestRate: (_vendorId, settings, clock, rejections) => new RequestRateLimiter(settings, clock, rejections),
  shopifyCost: (_vendorId, settings, clock, rejections) => new ShopifyCostBudget(settings, clock, rejections),
};
