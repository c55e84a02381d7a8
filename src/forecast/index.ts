/**
 * Public surface of the demand-forecasting engine. Everything the GraphQL layer needs is
 * exported here; other modules are internal and may change.
 *
 *   forecastSeries(history, { horizon, seasonPeriod?, quantiles?, method?, windows? })
 *   leadTimeDemand(history, { leadTimeDays, leadTimeStdDays?, seasonPeriod?, currentStock?, ... })
 *   reorderPolicy({ history, leadTimeDays, serviceLevel, ... })
 *   classifyDemand(values), abcClassify(items), daysOfCover(stock, forecast)
 *   safetyStock / reorderPoint / economicOrderQuantity / inverseNormal (the textbook formulas)
 *   mase / scaledQuantileLoss / intervalCoverage (the metrics the backtest reports)
 */
export { METHOD_NAMES, type MethodName, type DemandClass } from './types.ts';
export type { RawValue } from './series-cleaning.ts';
export { forecastSeries, type ForecastResult } from './forecast-series.ts';
export type { ForecastOptions } from './forecast-options.ts';
export { DEFAULT_QUANTILE_LEVELS, quantileKey } from './quantiles/quantile-levels.ts';
export { leadTimeDemand, type LeadTimeDemand, type LeadTimeDemandOptions } from './replenishment/lead-time-demand.ts';
export { reorderPolicy, type ReorderPolicy, type ReorderPolicyInput } from './replenishment/reorder-policy.ts';
export { safetyStock, reorderPoint, type SafetyStockInput } from './replenishment/safety-stock.ts';
export { economicOrderQuantity, coverDaysOrderQuantity } from './replenishment/order-quantity.ts';
export { daysOfCover } from './replenishment/days-of-cover.ts';
export { inverseNormal } from './replenishment/inverse-normal.ts';
export { classifyDemand, ADI_CUTOFF, CV2_CUTOFF, type DemandProfile } from './classification/demand-class.ts';
export { abcClassify, type AbcClass, type AbcInput, type AbcRow, type AbcThresholds } from './classification/abc-classify.ts';
export { mase } from './metrics/mase.ts';
export { scaledQuantileLoss, quantileLoss, type QuantilePrediction } from './metrics/quantile-loss.ts';
export { intervalCoverage, coverageRatio, type CoverageCount } from './metrics/interval-coverage.ts';
