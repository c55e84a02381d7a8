import type { FittedModel, MethodName } from '../types.ts';
import { fitMethod } from '../estimators/estimator-registry.ts';
import { fitHoltWinters, SEASONAL_SPECS } from '../estimators/holt-winters.ts';

/** Evaluations for a Holt–Winters search that starts from the seasonal-SES optimum. */
const WARM_EVALUATIONS = 30;

/**
 * Fits every candidate. Holt–Winters variants fitted after seasonal SES start their
 * Nelder–Mead search at its (α, γ*) with a smaller budget: trend and damping are small
 * corrections on top of level and season, so the warm search lands as well as a cold
 * 80-evaluation one at a third of the cost.
 */
export function fitCandidates(methods: readonly MethodName[], values: readonly number[], seasonPeriod: number): FittedModel[] {
  let seasonalSes: FittedModel | undefined;
  return methods.map((method) => {
    if (seasonalSes && (method === 'holt-winters-damped' || method === 'holt-winters-multiplicative' || method === 'holt-winters-additive')) {
      const alpha = seasonalSes.params.alpha ?? 0.2;
      const gammaStar = (seasonalSes.params.gamma ?? 0) / Math.max(1e-6, 1 - alpha);
      return fitHoltWinters(values, seasonPeriod, SEASONAL_SPECS[method], {
        start: [alpha, Math.max(0.001, gammaStar), 0.05, 0.95],
        maxEvaluations: WARM_EVALUATIONS,
      });
    }
    const model = fitMethod(method, values, seasonPeriod);
    if (method === 'seasonal-ses') seasonalSes = model;
    return model;
  });
}
