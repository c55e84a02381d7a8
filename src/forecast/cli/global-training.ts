import { cleanSeries } from '../series-cleaning.ts';
import { trainPooledRegression, type PooledRegression, type TrainingSeries } from '../global/pooled-regression.ts';
import type { EvaluationSeries } from './window-scores.ts';
import { windowCut } from './window-scores.ts';

/**
 * One global model per backtest window, trained on every series' training part of that
 * window only (its regressors included), so no window's model has seen the days it is
 * scored on. Returns the models and the training wall time.
 */
export function trainWindowGlobals(series: readonly EvaluationSeries[], horizon: number, windows: number, season: number, regressors: readonly string[]): { models: PooledRegression[]; trainingMs: number } {
  const started = performance.now();
  const models: PooledRegression[] = [];
  for (let w = 1; w <= windows; w++) {
    const training: TrainingSeries[] = [];
    for (const s of series) {
      const cutoff = s.values.length - w * horizon;
      const cut = windowCut(s, cutoff, horizon, regressors);
      const cleaned = cleanSeries(cut.train);
      if (cleaned.values.length === 0) continue;
      const aligned: Record<string, number[]> = {};
      for (const name of regressors) aligned[name] = (cut.regressors?.[name] ?? []).slice(cleaned.droppedLeading).map((v) => v ?? 0);
      training.push({ values: cleaned.values, regressors: aligned });
    }
    models.push(trainPooledRegression(training, { horizon, seasonPeriod: season, regressors }));
  }
  return { models, trainingMs: performance.now() - started };
}
