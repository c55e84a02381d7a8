import { z } from 'zod';

/**
 * How a vendor's stock is replenished, for forecasts and reorder suggestions. Every field has a
 * default, so a vendor without a `planning` section still gets suggestions (a week's lead time,
 * 95% cycle service level, four weeks of cover).
 */
export const planningConfigSchema = z
  .object({
    /** Mean days from placing a purchase order to stock being sellable. */
    leadTimeDays: z.number().positive().max(365).default(7),
    /** Standard deviation of that lead time, in days (0: fixed lead time). */
    leadTimeStdDays: z.number().min(0).max(365).default(0),
    /** Target cycle service level: P(no stock-out while an order is on its way), 0.5 to 0.999. */
    serviceLevel: z.number().min(0.5).max(0.999).default(0.95),
    /** Cost of placing one order, in the vendor's currency (with holdingCostRate: EOQ quantities). */
    orderingCost: z.number().min(0).optional(),
    /** Yearly holding cost as a fraction of the unit cost (or price when the cost is unknown), e.g. 0.25. */
    holdingCostRate: z.number().gt(0).max(5).optional(),
    /** Days of forecast demand an order covers when EOQ is not configured. */
    coverDays: z.number().positive().max(365).default(28),
    /** Days of order history the demand history starts with. */
    historyDays: z.number().int().min(28).max(1095).default(365),
  })
  .strict();

export type PlanningConfig = z.infer<typeof planningConfigSchema>;

export const DEFAULT_PLANNING: PlanningConfig = planningConfigSchema.parse({});

/** The vendor's planning settings with defaults filled in. */
export function planningFor(vendors: ReadonlyArray<{ readonly id: string; readonly planning?: PlanningConfig | undefined }>, vendorId: string): PlanningConfig {
  return vendors.find((vendor) => vendor.id === vendorId)?.planning ?? DEFAULT_PLANNING;
}
