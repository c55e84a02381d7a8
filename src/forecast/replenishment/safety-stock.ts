export interface SafetyStockInput {
  /** Safety factor, inverseNormal(service level). */
  readonly z: number;
  /** Standard deviation of demand (forecast error) per period. */
  readonly sigmaDemand: number;
  /** Lead time in periods. */
  readonly leadTime: number;
  /** Mean demand per period; needed only with lead-time variability. */
  readonly meanDemand?: number;
  /** Standard deviation of the lead time in periods (default 0). */
  readonly leadTimeStd?: number;
}

/**
 * Classic safety stock. With a fixed lead time: z·σ·√L. With a variable lead time the
 * variance of lead-time demand is L·σd² + d̄²·σL², so SS = z·√(L·σd² + d̄²·σL²).
 */
export function safetyStock(input: SafetyStockInput): number {
  const { z, sigmaDemand, leadTime } = input;
  const leadTimeStd = input.leadTimeStd ?? 0;
  const meanDemand = input.meanDemand ?? 0;
  return z * Math.sqrt(leadTime * sigmaDemand ** 2 + meanDemand ** 2 * leadTimeStd ** 2);
}

/** Reorder point: expected demand over the lead time plus safety stock, d̄·L + SS. */
export function reorderPoint(meanDemand: number, leadTime: number, safety: number): number {
  return meanDemand * leadTime + safety;
}
