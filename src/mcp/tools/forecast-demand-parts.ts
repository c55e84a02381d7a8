import { z } from 'zod';

/** `history` mode arguments of forecast_demand (the caller's own daily series). */
export const historyArguments = {
  history: z
    .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('UTC day, YYYY-MM-DD.'), value: z.number().min(0).nullable().describe('Units; null when unknown.') }).strict())
    .min(1)
    .max(3660)
    .optional()
    .describe('Your own daily series, oldest first, dates strictly increasing (instead of `sku`).'),
  seasonPeriod: z.number().int().min(1).max(365).optional().describe('With `history`: season length in days (default 7).'),
  regressors: z
    .array(z.object({ name: z.string().min(1).max(64), values: z.array(z.number()) }).strict())
    .max(8)
    .optional()
    .describe('With `history`: known-future regressors, one value per history day then one per forecast day.'),
};

export interface HistoryArgs {
  readonly history?: Array<{ date: string; value: number | null }> | undefined;
  readonly seasonPeriod?: number | undefined;
  readonly regressors?: Array<{ name: string; values: number[] }> | undefined;
  readonly horizonDays: number;
}

export function toHistoryInput(args: HistoryArgs) {
  return {
    history: args.history ?? [],
    horizonDays: args.horizonDays,
    ...(args.seasonPeriod === undefined ? {} : { seasonPeriod: args.seasonPeriod }),
    ...(args.regressors === undefined ? {} : { regressors: args.regressors }),
  };
}

const pointSchema = z.object({ date: z.string(), mean: z.number(), lower: z.number(), upper: z.number() });

export const seriesForecastSchema = z.object({
  method: z.string(),
  demandClass: z.string(),
  horizonDays: z.number().int(),
  historyDays: z.number().int(),
  intervalLevel: z.number(),
  points: z.array(pointSchema),
  backtest: z.object({ mase: z.number().nullable() }),
});

export const skuTotalSchema = z.object({
  sku: z.string().nullable(),
  totalAvailable: z.number().int().nullable().describe('Units available over every vendor.'),
  last30Days: z.number().nullable().describe('Units sold over the last 30 days, all vendors.'),
  forecast: seriesForecastSchema.nullable(),
  reorder: z
    .object({
      available: z.number().int().nullable(),
      needsReorder: z.boolean(),
      suggestedQuantity: z.number().int(),
      safetyStock: z.number(),
      reorderPoint: z.number(),
      leadTimeDays: z.number(),
      daysOfCover: z.number().nullable(),
    })
    .nullable(),
});

export function forecastLine(points: ReadonlyArray<{ mean: number }>, horizonDays: number, method: string): string {
  const total = points.reduce((sum, point) => sum + point.mean, 0);
  return `${total.toFixed(1)} units expected over ${String(horizonDays)} days (${method})`;
}
