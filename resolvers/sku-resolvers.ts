import { forecastFromHistory } from '../src/demand/history-forecast.ts';
import { last30Days, skuForecast, skuReorder, skuSummary } from '../src/demand/sku-summary-service.ts';
import type { QueryResolvers, SkuSummaryResolvers } from '../src/generated/resolvers-types.ts';

/** SKU across channels and a caller's own series: arguments in, one demand service call out. */
export const skuQueryResolvers: Pick<QueryResolvers, 'sku' | 'forecastFromHistory'> = {
  sku: (_root, { code }, ctx) => skuSummary(ctx, code),
  forecastFromHistory: (_root, { input }) => forecastFromHistory(input),
};

export const skuSummaryResolvers: SkuSummaryResolvers = {
  products: (summary) => [...summary.products],
  demand: (summary) => ({ last30Days: last30Days(summary) }),
  forecast: (summary, { horizonDays }, ctx) => skuForecast(ctx, summary, horizonDays),
  reorder: (summary, _args, ctx) => skuReorder(ctx, summary),
};
