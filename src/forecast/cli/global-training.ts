import { cleanSeries } from '../series-cleaning.ts';
import { accumulatePooledRegression, solvePooledRegression, type PooledRegression, type TrainingSeries } from '../global/pooled-regression.ts';
import type { RidgeSums } from '../global/ridge.ts';
import type { EvaluationSeries } from './window-scores.ts';
import { windowCut } from './window-scores.ts';

/**
 * The global model trained on every series' whole history (regressors aligned with the
 * cleaned history: its dropped leading days removed, gaps as 0), as a forecast run uses it.
 */
export function trainGlobal(series: readonly EvaluationSeries[], horizon: number, season: number, regressors: readonly string[]): PooledRegression {
  return solvePooledRegression([globalShare(series, horizon, season, regressors)], { horizon, seasonPeriod: season, regressors });
}

/** One share of trainGlobal's work (threads each take some series; solvePooledRegression joins them). */
export function globalShare(series: readonly EvaluationSeries[], horizon: number, season: number, regressors: readonly string[]): RidgeSums {
  const training: TrainingSeries[] = [];
  for (const s of series) {
    const cleaned = cleanSeries(s.values);
    if (cleaned.values.length === 0) continue;
    const aligned: Record<string, (number | null)[]> = {};
    for (const name of regressors) aligned[name] = (s.columns?.[name] ?? []).slice(cleaned.droppedLeading);
    training.push({ values: cleaned.values, regressors: aligned });
  }
  return accumulatePooledRegression(training, { horizon, seasonPeriod: season, regressors });
}

/**
 * One global model per backtest window, trained on every series' training part of that
 * window only (its regressors included), so no window's model has seen the days it is
 * scored on. Returns the models and the training wall time.
 */
export function trainWindowGlobals(series: readonly EvaluationSeries[], horizon: number, windows: number, season: number, regressors: readonly string[]): { models: PooledRegression[]; trainingMs: number } {
  const started = performance.now();
  const models: PooledRegression[] = [];
  for (let w = 1; w <= windows; w++) {
    const cut = series.map((s) => {
      const { train, regressors: columns } = windowCut(s, s.values.length - w * horizon, horizon, regressors);
      return columns ? { values: train, columns } : { values: train };
    });
    models.push(trainGlobal(cut, horizon, season, regressors));
  }
  return { models, trainingMs: performance.now() - started };
}
