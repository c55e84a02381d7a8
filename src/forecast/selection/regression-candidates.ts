import type { FittedModel } from '../types.ts';
import type { ResolvedOptions } from '../forecast-options.ts';
import { localRegression, pooledRegressionModel } from '../global/pooled-regression.ts';
import { markCleanRegressors } from '../global/clean-regressors.ts';
import { combineModels } from '../estimators/combination.ts';
import { doubleArray } from '../double-array.ts';

const COMBINED = new Set(['seasonal-ses', 'ses', 'arima', 'theta']);

/** Regressor arrays aligned with the cleaned history (its dropped leading days removed), gaps as 0: the models read them without another copy. */
function alignedRegressors(options: ResolvedOptions, droppedLeading: number): Record<string, number[]> | undefined {
  if (!options.regressors) return undefined;
  const out: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(options.regressors)) {
    const aligned = doubleArray(Math.max(0, values.length - droppedLeading));
    for (let t = 0; t < aligned.length; t++) {
      const v = values[t + droppedLeading];
      aligned[t] = typeof v === 'number' && Number.isFinite(v) ? v : 0;
    }
    out[name] = aligned;
  }
  markCleanRegressors(Object.values(out));
  return out;
}

/**
 * The regression candidates of one series: the series' own regression when it has known-future
 * regressors, and the global model's forecast when one was trained (plus its combination with
 * ETS, ARIMA and theta). Both together beat either alone on the simulated retail set (100
 * series, 10 windows: MASE 0.766 own only, 0.768 global only, 0.758 both). Sparse series get
 * only the global model: a series' own mean-seeking regression has too few sales to learn from.
 */
export function regressionCandidates(models: readonly FittedModel[], values: readonly number[], options: ResolvedOptions, droppedLeading: number, sparse: boolean): FittedModel[] {
  const regressors = alignedRegressors(options, droppedLeading);
  const hasRegressors = regressors !== undefined && Object.keys(regressors).length > 0;
  const local = !sparse && hasRegressors ? [localRegression(values, options.seasonPeriod, options.horizon, regressors)] : [];
  if (!options.globalModel) return local;
  const global = pooledRegressionModel(options.globalModel, values, regressors);
  const members = models.filter((m) => COMBINED.has(m.method));
  return sparse || members.length < 3 ? [global] : [global, combineModels([...members, global]), ...local];
}
