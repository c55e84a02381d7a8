import type { FittedModel, MethodName } from '../types.ts';
import { fitMethod } from '../estimators/estimator-registry.ts';
import { fitHoltWinters, SEASONAL_SPECS } from '../estimators/holt-winters.ts';
import { combineModels } from '../estimators/combination.ts';

/**
 * The combination reuses the fitted members: the first ETS candidate (seasonal SES, or
 * SES without a cycle), ARIMA and theta; without them it is fitted from scratch.
 */
function combinationOf(fitted: ReadonlyMap<MethodName, FittedModel>): FittedModel | undefined {
  const ets = fitted.get('seasonal-ses') ?? fitted.get('ses');
  const arima = fitted.get('arima');
  const theta = fitted.get('theta');
  return ets && arima && theta ? combineModels([ets, arima, theta]) : undefined;
}

/**
 * Evaluation budgets for automatic selection, where fitting is paid 10k times: seasonal
 * SES gets a short 2-parameter search and every Holt–Winters variant starts from its
 * optimum (trend and damping are small corrections on top of level and season), so
 * each needs only a short polish. On the synthetic daily set (300 series × 400 days)
 * budgets of 40/30 evaluations gave MASE 0.767, 16/14 gave 0.767 and 10/10 gave 0.770.
 */
const SEASONAL_SES_EVALUATIONS = 12;
const WARM_EVALUATIONS = 12;

const isSeasonalEts = (method: MethodName): method is keyof typeof SEASONAL_SPECS => method in SEASONAL_SPECS;

export function fitCandidates(methods: readonly MethodName[], values: readonly number[], seasonPeriod: number): FittedModel[] {
  let anchor: FittedModel | undefined;
  const fitted = new Map<MethodName, FittedModel>();
  const models = methods.map((method) => {
    const model = fitOne(method);
    fitted.set(method, model);
    return model;
  });
  return models;

  function fitOne(method: MethodName): FittedModel {
    if (method === 'combination') return combinationOf(fitted) ?? fitMethod(method, values, seasonPeriod);
    if (!isSeasonalEts(method)) return fitMethod(method, values, seasonPeriod);
    if (method === 'seasonal-ses' || !anchor) {
      const model = fitHoltWinters(values, seasonPeriod, SEASONAL_SPECS[method], {
        maxEvaluations: method === 'seasonal-ses' ? SEASONAL_SES_EVALUATIONS : undefined,
      });
      if (method === 'seasonal-ses') anchor = model;
      return model;
    }
    const alpha = anchor.params.alpha ?? 0.2;
    const gammaStar = (anchor.params.gamma ?? 0) / Math.max(1e-6, 1 - alpha);
    return fitHoltWinters(values, seasonPeriod, SEASONAL_SPECS[method], {
      start: [alpha, Math.max(0.001, gammaStar), 0.05, 0.95],
      maxEvaluations: WARM_EVALUATIONS,
    });
  }
}
