import { z } from 'zod';
import { McpForecastDemandDocument, type McpForecastFieldsFragment } from '../generated/mcp-operations.ts';
import { CallerRole } from '../../model/caller.ts';
import { FeatureFlag } from '../../flags/flag-names.ts';
import { READ_ONLY, defineTool } from '../mcp-tool.ts';
import { skuArgument, vendorIdArgument } from '../tool-arguments.ts';
import { toolVendorErrorSchema } from '../tool-errors.ts';

const forecastSchema = z.object({
  sku: z.string(),
  vendorId: z.string(),
  method: z.string().describe('Method chosen by backtest, e.g. "ets_damped", "tsb".'),
  horizonDays: z.number().int(),
  intervalLevel: z.number().describe('Coverage of lower..upper, e.g. 0.8 for 80%.'),
  points: z.array(
    z.object({
      date: z.string().describe('UTC day, YYYY-MM-DD.'),
      mean: z.number().describe('Expected units sold that day.'),
      lower: z.number(),
      upper: z.number(),
    }),
  ),
  backtest: z.object({ mase: z.number().nullable().describe('Mean absolute scaled error; below 1 beats the seasonal naive forecast.') }),
  safetyStock: z.number().nullable().describe('Units.'),
  reorderPoint: z.number().nullable().describe('Units: reorder when available stock is at or below it.'),
  leadTimeDays: z.number().nullable(),
  generatedAt: z.string(),
});

export const forecastDemandTool = defineTool({
  name: 'forecast_demand',
  title: 'Forecast demand',
  description:
    'Daily demand forecast of one SKU (units sold per day) for the next `horizonDays` days, from each vendor\'s order history: ' +
    'one forecast per vendor selling the SKU (or only `vendorId`), each with daily `points` {date, mean, lower, upper} ' +
    '(an 80% prediction interval, see `intervalLevel`), the method chosen by backtest and its MASE, safety stock and reorder ' +
    'point in units. Sum the means over the days you care about for expected demand. A vendor that fails is named in `errors`.',
  requires: { role: CallerRole.VIEWER, flag: FeatureFlag.DEMAND_FORECASTING },
  annotations: READ_ONLY,
  document: McpForecastDemandDocument,
  input: () =>
    z
      .object({
        sku: skuArgument,
        vendorId: vendorIdArgument.optional().describe('Only this vendor; omit for every vendor selling the SKU.'),
        horizonDays: z.number().int().min(1).max(365).describe('Days ahead to forecast, 1 to 365.'),
      })
      .strict(),
  output: z.object({ forecasts: z.array(forecastSchema), errors: z.array(toolVendorErrorSchema) }),
  variables: (args) => ({ sku: args.sku, vendorId: args.vendorId ?? '', oneVendor: args.vendorId !== undefined, horizonDays: args.horizonDays }),
  answer: (data, errors, args) => {
    const forecasts: McpForecastFieldsFragment[] = [];
    if (data.forecast) forecasts.push(data.forecast);
    for (const product of data.productsBySku ?? []) if (product.forecast) forecasts.push(product.forecast);
    const lines = forecasts.map((forecast) => {
      const total = forecast.points.reduce((sum, point) => sum + point.mean, 0);
      return `${forecast.vendorId}: ${total.toFixed(1)} units expected over ${forecast.horizonDays} days (${forecast.method}${forecast.reorderPoint === null ? '' : `, reorder point ${forecast.reorderPoint.toFixed(0)}`})`;
    });
    const failed = errors.length > 0 ? ` Incomplete: ${errors.map((error) => `${error.vendorId ?? 'a vendor'} ${error.code}`).join(', ')}.` : '';
    return {
      structured: { forecasts, errors: [...errors] },
      summary: forecasts.length === 0 ? `No forecast for ${args.sku}: no vendor has sales history for it.${failed}` : `Forecast for ${args.sku}: ${lines.join('; ')}.${failed}`,
    };
  },
});
