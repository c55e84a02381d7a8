import type { Estimator, FittedModel, MethodName } from '../types.ts';
import { fitNaive } from './naive.ts';
import { fitSeasonalNaive } from './seasonal-naive.ts';
import { fitSes } from './ses.ts';
import { fitHolt } from './holt.ts';
import { fitDampedTrend } from './damped-trend.ts';
import { fitHoltWinters, SEASONAL_SPECS } from './holt-winters.ts';
import { fitCroston } from './croston.ts';
import { fitTsb } from './tsb.ts';
import { fitTheta } from './theta.ts';
import { fitFastArima } from './fast-arima.ts';
import { combineModels } from './combination.ts';
import { localRegression } from '../global/pooled-regression.ts';
import { hasSeasonalityOnce } from '../classification/seasonality-test.ts';

const seasonalAt = (values: readonly number[], m: number): boolean => hasSeasonalityOnce(values, Math.floor(m));

/** One entry per method name; the `satisfies` makes a new method impossible to forget here. */
export const ESTIMATORS = {
  naive: (y) => fitNaive(y),
  'seasonal-naive': (y, m) => fitSeasonalNaive(y, m),
  ses: (y) => fitSes(y),
  holt: (y) => fitHolt(y),
  'damped-trend': (y) => fitDampedTrend(y),
  'seasonal-ses': (y, m) => fitHoltWinters(y, m, SEASONAL_SPECS['seasonal-ses']),
  'holt-winters-additive': (y, m) => fitHoltWinters(y, m, SEASONAL_SPECS['holt-winters-additive']),
  'holt-winters-damped': (y, m) => fitHoltWinters(y, m, SEASONAL_SPECS['holt-winters-damped']),
  'holt-winters-multiplicative': (y, m) => fitHoltWinters(y, m, SEASONAL_SPECS['holt-winters-multiplicative']),
  croston: (y) => fitCroston(y, 'croston'),
  sba: (y) => fitCroston(y, 'sba'),
  tsb: (y) => fitTsb(y),
  theta: (y, m) => fitTheta(y, m, seasonalAt(y, m)),
  arima: (y, m) => fitFastArima(y, m, seasonalAt(y, m)),
  combination: (y, m) => {
    const seasonal = seasonalAt(y, m);
    const ets = seasonal ? fitHoltWinters(y, m, SEASONAL_SPECS['seasonal-ses']) : fitSes(y);
    return combineModels([ets, fitFastArima(y, m, seasonal), fitTheta(y, m, seasonal)]);
  },
  // Forced by name: the series' own regression on its lags (regressors come through forecastSeries).
  'pooled-regression': (y, m) => localRegression(y, m, 28),
} as const satisfies Record<MethodName, Estimator>;

export function fitMethod(method: MethodName, values: readonly number[], seasonPeriod: number): FittedModel {
  return ESTIMATORS[method](values, seasonPeriod);
}
