import { parentPort, workerData } from 'node:worker_threads';
import { scoreSeries, type EvaluationSeries, type EvaluationSettings, type WindowScore } from './window-scores.ts';
import type { PooledRegression } from '../global/pooled-regression.ts';

export interface BacktestTask {
  readonly series: readonly EvaluationSeries[];
  readonly settings: EvaluationSettings;
  /** Global model per window (index w − 1), trained on every series before the worker starts. */
  readonly globals?: readonly (PooledRegression | undefined)[];
}

/** Scores a chunk of series; runs in a worker thread or inline for small inputs. */
export function scoreChunk(task: BacktestTask): WindowScore[] {
  return task.series.flatMap((series) => scoreSeries(series, task.settings, task.globals ?? []));
}

if (parentPort && workerData) parentPort.postMessage(scoreChunk(workerData as BacktestTask));
