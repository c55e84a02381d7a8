import type { FittedModel } from '../types.ts';
import type { ResolvedOptions } from '../forecast-options.ts';
import { localRegression, pooledRegressionModel } from '../global/pooled-regression.ts';
import { combineModels } from '../estimators/combination.ts';

const COMBINED = new Set(['seasonal-ses', 'damped-trend', 'arima', 'theta']);

/** Regressor arrays aligned with the cleaned history (its dropped leading days removed), gaps as 0. */
function alignedRegressors(options: ResolvedOptions, droppedLeading: number): Record<string, number[]> | undefined {
  if (!options.regressors) return undefined;
  const out: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(options.regressors)) {
    out[name] = values.slice(droppedLeading).map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0));
  }
  return out;
}

/**
 * The regression candidates of one series: the global model's forecast when one was trained
 * (plus its combination with ETS, ARIMA and theta), else the series' own regression when it
 * has known-future regressors. Sparse series only get the global model itself.
 */
export function regressionCandidates(models: readonly FittedModel[], values: readonly number[], options: ResolvedOptions, droppedLeading: number, sparse: boolean): FittedModel[] {
  const regressors = alignedRegressors(options, droppedLeading);
  if (options.globalModel) {
    const global = pooledRegressionModel(options.globalModel, values, regressors);
    const members = models.filter((m) => COMBINED.has(m.method));
    return sparse || members.length < 3 ? [global] : [global, combineModels([...members, global])];
  }
  if (sparse || !regressors || Object.keys(regressors).length === 0) return [];
  return [localRegression(values, options.seasonPeriod, options.horizon, regressors)];
}
