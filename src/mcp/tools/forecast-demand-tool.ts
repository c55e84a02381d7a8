import { z } from 'zod';
import { McpForecastDemandDocument, type McpForecastFieldsFragment } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { FeatureFlag } from '../../flags/flag-names.ts';
import { READ_ONLY, defineTool } from '../mcp-tool.ts';
import { skuArgument, vendorIdArgument } from '../tool-arguments.ts';
import { toolVendorErrorSchema } from '../tool-errors.ts';
import { forecastLine, historyArguments, skuTotalSchema, toHistoryInput } from './forecast-demand-parts.ts';

const pointSchema = z.object({
  date: z.string().describe('UTC day, YYYY-MM-DD.'),
  mean: z.number().describe('Expected units sold that day.'),
  lower: z.number(),
  upper: z.number(),
});

const forecastSchema = z.object({
  sku: z.string(),
  vendorId: z.string(),
  method: z.string().describe('Method chosen by backtest, e.g. "combination", "theta", "tsb".'),
  horizonDays: z.number().int(),
  intervalLevel: z.number().describe('Coverage of lower..upper, e.g. 0.8 for 80%.'),
  points: z.array(pointSchema),
  backtest: z.object({ mase: z.number().nullable().describe('Mean absolute scaled error; below 1 beats the seasonal naive forecast.') }),
  safetyStock: z.number().nullable().describe('Units.'),
  reorderPoint: z.number().nullable().describe('Units: reorder when available stock is at or below it.'),
  leadTimeDays: z.number().nullable(),
  generatedAt: z.string(),
});

/** A one-day placeholder for the skipped `forecastFromHistory` field (never read). */
const UNUSED_INPUT = { history: [{ date: '2000-01-01', value: 0 }] };

export const forecastDemandTool = defineTool({
  name: 'forecast_demand',
  title: 'Forecast demand',
  description:
    'Daily demand forecast (units per day) for the next `horizonDays` days. Give either `sku` or `history`. ' +
    'With `sku`: `total` is the SKU across every vendor (channel) that sells it, demand summed, one forecast and one reorder ' +
    'suggestion (what a planner orders once), and `forecasts` holds each vendor\'s own forecast (or only `vendorId`\'s). ' +
    'With `history` (your own daily series, oldest first, null for unknown/stock-out days) and optional known-future ' +
    '`regressors` (e.g. a promotion flag covering history plus horizon): `total` is its forecast. Points are {date, mean, lower, upper} ' +
    '(an 80% interval); the method is chosen by backtest. A vendor that fails is named in `errors`.',
  requires: { role: CallerRole.VIEWER, flag: FeatureFlag.DEMAND_FORECASTING },
  annotations: READ_ONLY,
  document: McpForecastDemandDocument,
  input: () =>
    z
      .object({
        sku: skuArgument.optional(),
        vendorId: vendorIdArgument.optional().describe('Only this vendor (with `sku`); omit for every vendor selling the SKU.'),
        horizonDays: z.number().int().min(1).max(365).describe('Days ahead to forecast, 1 to 365.'),
        ...historyArguments,
      })
      .strict()
      .refine((args) => (args.sku === undefined) !== (args.history === undefined), { message: 'give exactly one of sku or history', path: ['sku'] })
      .refine((args) => args.vendorId === undefined || args.sku !== undefined, { message: 'vendorId goes with sku', path: ['vendorId'] }),
  output: z.object({
    total: skuTotalSchema.nullable().describe('The SKU across channels, or the forecast of `history`; null for one vendor or an unknown SKU.'),
    forecasts: z.array(forecastSchema),
    errors: z.array(toolVendorErrorSchema),
  }),
  variables: (args) => ({
    sku: args.sku ?? '',
    vendorId: args.vendorId ?? '',
    oneVendor: args.vendorId !== undefined,
    bySku: args.sku !== undefined && args.vendorId === undefined,
    fromHistory: args.history !== undefined,
    input: args.history ? toHistoryInput(args) : UNUSED_INPUT,
    horizonDays: args.horizonDays,
  }),
  answer: (data, errors, args) => {
    const forecasts: McpForecastFieldsFragment[] = [];
    if (data.forecast) forecasts.push(data.forecast);
    for (const product of data.productsBySku ?? []) if (product.forecast) forecasts.push(product.forecast);
    const total = data.forecastFromHistory
      ? { sku: null, totalAvailable: null, last30Days: null, forecast: data.forecastFromHistory, reorder: null }
      : data.sku
        ? { sku: data.sku.sku, totalAvailable: data.sku.totalAvailable, last30Days: data.sku.demand.last30Days, forecast: data.sku.forecast, reorder: data.sku.reorder }
        : null;
    const failed = errors.length > 0 ? ` Incomplete: ${errors.map((error) => `${error.vendorId ?? 'a vendor'} ${error.code}`).join(', ')}.` : '';
    const lines = forecasts.map((f) => `${f.vendorId}: ${forecastLine(f.points, f.horizonDays, f.method)}`);
    const head = total?.forecast ? `${args.sku ? `${args.sku}, all channels` : 'Your series'}: ${forecastLine(total.forecast.points, total.forecast.horizonDays, total.forecast.method)}` : null;
    const reorder = total?.reorder ? ` Reorder point ${total.reorder.reorderPoint.toFixed(0)}${total.reorder.needsReorder ? `: order ${String(total.reorder.suggestedQuantity)} now` : ''}.` : '';
    const parts = [...(head ? [head] : []), ...lines];
    return {
      structured: { total, forecasts, errors: [...errors] },
      summary: parts.length === 0 ? `No forecast for ${args.sku ?? 'the series'}: no vendor has sales history for it.${failed}` : `${parts.join('; ')}.${reorder}${failed}`,
    };
  },
});
