import { parentPort, workerData } from 'node:worker_threads';
import { scoreSeries, type EvaluationSettings, type WindowScore } from './window-scores.ts';

export interface BacktestTask {
  readonly series: readonly (readonly (number | null)[])[];
  readonly settings: EvaluationSettings;
}

/** Scores a chunk of series; runs in a worker thread or inline for small inputs. */
export function scoreChunk(task: BacktestTask): WindowScore[] {
  return task.series.flatMap((values) => scoreSeries(values, task.settings));
}

if (parentPort && workerData) parentPort.postMessage(scoreChunk(workerData as BacktestTask));
