import type { DemandClass, MethodName } from '../types.ts';
import type { RawValue } from '../series-cleaning.ts';
import { runForecast } from '../forecast-series.ts';
import { inverseNormal } from './inverse-normal.ts';
import { reorderPoint, safetyStock } from './safety-stock.ts';
import { coverDaysOrderQuantity, economicOrderQuantity } from './order-quantity.ts';
import { daysOfCover } from './days-of-cover.ts';
import { leadTimeDemandFromRun, leadTimeHorizon, type LeadTimeDemand } from './lead-time-demand.ts';

export interface ReorderPolicyInput {
  /** Demand per period (usually per day), oldest first; missing values allowed. */
  readonly history: readonly RawValue[];
  readonly leadTimeDays: number;
  readonly leadTimeStdDays?: number;
  /** Target cycle service level, e.g. 0.95: P(no stock-out during a replenishment cycle). */
  readonly serviceLevel: number;
  readonly seasonPeriod?: number;
  readonly currentStock?: number;
  /** Cost per order (S) and holding cost per unit per year (H); both needed for EOQ. */
  readonly orderingCost?: number;
  readonly holdingCostPerUnitYear?: number;
  /** Periods per year for EOQ's annual demand (default 365, daily data). */
  readonly periodsPerYear?: number;
  /** Days of forecast demand an order should cover (cover-days order quantity). */
  readonly coverDays?: number;
  readonly seed?: number;
}

export interface ReorderPolicy {
  readonly method: MethodName;
  readonly demandClass: DemandClass;
  /** d̄: mean forecast demand per period over the lead time. */
  readonly meanDemand: number;
  /** σ: root mean square of the one-step forecast errors (the demand uncertainty the formula needs). */
  readonly sigma: number;
  readonly z: number;
  /** Classic formula z·σ·√L, or z·√(L·σ² + d̄²·σL²) with lead-time variability. */
  readonly safetyStock: number;
  /** d̄·L + safety stock. */
  readonly reorderPoint: number;
  /** The service-level quantile of simulated lead-time demand: the distribution-free reorder point. */
  readonly empiricalReorderPoint: number;
  readonly leadTimeDemand: LeadTimeDemand;
  readonly eoq: number | null;
  readonly coverDaysOrderQuantity: number | null;
  readonly daysOfCover: number | null;
  readonly stockoutProbability: number | null;
}

function rootMeanSquare(values: readonly number[]): number {
  return values.length > 0 ? Math.sqrt(values.reduce((a, v) => a + v * v, 0) / values.length) : 0;
}

/**
 * Reorder point, safety stock and order quantities for one SKU. Both the classic normal
 * formula (what planners expect to see) and the empirical lead-time-demand quantile
 * (what is right for lumpy demand) are returned; callers choose which to act on.
 */
export function reorderPolicy(input: ReorderPolicyInput): ReorderPolicy {
  const z = inverseNormal(input.serviceLevel);
  const leadOptions = {
    leadTimeDays: input.leadTimeDays,
    leadTimeStdDays: input.leadTimeStdDays ?? 0,
    quantiles: [input.serviceLevel],
    ...(input.currentStock === undefined ? {} : { currentStock: input.currentStock }),
    ...(input.seed === undefined ? {} : { seed: input.seed }),
  };
  const horizon = Math.max(leadTimeHorizon(leadOptions), Math.ceil(input.coverDays ?? 0), 28);
  const run = runForecast(input.history, { horizon, seasonPeriod: input.seasonPeriod ?? 1 });
  const leadSteps = Math.max(1, Math.ceil(input.leadTimeDays));
  const meanDemand = run.mean.slice(0, leadSteps).reduce((a, b) => a + b, 0) / leadSteps;
  const sigma = rootMeanSquare(run.model.residuals);
  const safety = safetyStock({
    z,
    sigmaDemand: sigma,
    leadTime: input.leadTimeDays,
    meanDemand,
    leadTimeStd: input.leadTimeStdDays ?? 0,
  });
  const lead = leadTimeDemandFromRun(run, leadOptions);
  const { orderingCost, holdingCostPerUnitYear } = input;
  const annualDemand = (run.mean.reduce((a, b) => a + b, 0) / run.mean.length) * (input.periodsPerYear ?? 365);
  return {
    method: run.method,
    demandClass: run.demandClass,
    meanDemand,
    sigma,
    z,
    safetyStock: safety,
    reorderPoint: reorderPoint(meanDemand, input.leadTimeDays, safety),
    empiricalReorderPoint: lead.quantiles[String(input.serviceLevel)] ?? NaN,
    leadTimeDemand: lead,
    eoq:
      orderingCost === undefined || holdingCostPerUnitYear === undefined
        ? null
        : economicOrderQuantity(annualDemand, orderingCost, holdingCostPerUnitYear),
    coverDaysOrderQuantity: input.coverDays === undefined ? null : coverDaysOrderQuantity(run.mean, input.coverDays),
    daysOfCover: input.currentStock === undefined ? null : daysOfCover(input.currentStock, run.mean),
    stockoutProbability: lead.stockoutProbability,
  };
}
