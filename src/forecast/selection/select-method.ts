import type { FittedModel } from '../types.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';

const prefixScratch = new ScratchBuffer();

export interface BacktestScore {
  /** Mean over windows of the window MASE (seasonal scale of the history before the origin). */
  readonly mase: number | null;
  readonly windows: number;
}

/**
 * Prefix sums of |y[t] − y[t−m]| so the MASE scale of every origin's history costs O(1).
 * A zero scale (history repeating itself exactly) falls back to the whole series' scale,
 * then to 1, for ranking purposes only. The answer reads scratch memory: use it before the
 * next selection starts.
 */
function scaleForOrigins(values: readonly number[], m: number): (origin: number) => number {
  const prefix = prefixScratch.take(values.length + 1);
  prefix[0] = 0;
  for (let t = 0; t < values.length; t++) {
    prefix[t + 1] = prefix[t]! + (t >= m ? Math.abs(values[t]! - values[t - m]!) : 0);
  }
  const scaleAt = (origin: number): number => (origin > m ? (prefix[origin]! / (origin - m)) : 1);
  const overall = scaleAt(values.length);
  return (origin) => {
    const s = scaleAt(origin);
    return s > 0 ? s : overall > 0 ? overall : 1;
  };
}

export function backtestScore(
  model: FittedModel,
  values: readonly number[],
  origins: readonly number[],
  horizon: number,
  seasonPeriod: number,
  scaleAt = scaleForOrigins(values, Math.max(1, Math.floor(seasonPeriod))),
): BacktestScore {
  let total = 0;
  let windows = 0;
  for (const origin of origins) {
    const steps = Math.min(horizon, values.length - origin);
    if (steps <= 0) continue;
    const forecast = model.forecastAt(origin, steps);
    let abs = 0;
    for (let k = 0; k < steps; k++) abs += Math.abs(values[origin + k]! - Math.max(0, forecast[k]!));
    total += abs / steps / scaleAt(origin);
    windows++;
  }
  return { mase: windows > 0 ? total / windows : null, windows };
}

/**
 * Picks the candidate with the lowest rolling-origin MASE. Candidates arrive simplest
 * first and a later one must be strictly better to win, so a tie keeps the simpler model.
 * Candidates that cannot forecast from the earliest origin (e.g. Holt–Winters before two
 * full seasons) sit out; if none can, the first candidate is used unscored.
 */
export function selectByBacktest(
  models: readonly FittedModel[],
  values: readonly number[],
  origins: readonly number[],
  horizon: number,
  seasonPeriod: number,
): { model: FittedModel; score: BacktestScore } {
  const scaleAt = scaleForOrigins(values, Math.max(1, Math.floor(seasonPeriod)));
  let best: { model: FittedModel; score: BacktestScore } | undefined;
  for (const model of models) {
    if (origins.some((o) => o < model.minOrigin)) continue;
    const score = backtestScore(model, values, origins, horizon, seasonPeriod, scaleAt);
    if (score.mase === null) continue;
    if (!best || best.score.mase === null || score.mase < best.score.mase) best = { model, score };
  }
  const fallback = models[0];
  if (!best && fallback) return { model: fallback, score: { mase: null, windows: 0 } };
  if (!best) throw new Error('selectByBacktest needs at least one candidate model');
  return best;
}
