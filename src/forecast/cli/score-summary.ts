import type { ModelScore, WindowScore } from './window-scores.ts';

export interface ModelSummary {
  /** Per window: mean over series with a defined value; then mean over windows. */
  readonly mase: number | null;
  readonly sql: number | null;
  /** Share of actuals inside the interval, pooled over all series and windows. */
  readonly coverage80: number | null;
  readonly coverage95: number | null;
}

export interface BacktestSummary {
  readonly auto: ModelSummary;
  readonly seasonalNaive: ModelSummary;
  readonly series: number;
  readonly windows: number;
  /** How often each method was chosen, over all series and windows. */
  readonly methods: Record<string, number>;
  /** Series-windows left out of MASE because their history has zero seasonal scale (as fev drops them). */
  readonly zeroScaleSkipped: number;
}

const mean = (xs: readonly number[]): number | null => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function summarise(scores: readonly WindowScore[], pick: (s: WindowScore) => ModelScore, windows: number): ModelSummary {
  const perWindow = (metric: 'mase' | 'sql'): number | null => {
    const windowMeans: number[] = [];
    for (let w = 1; w <= windows; w++) {
      const values = scores
        .filter((s) => s.window === w)
        .map((s) => pick(s)[metric])
        .filter((v): v is number => v !== null);
      const m = mean(values);
      if (m !== null) windowMeans.push(m);
    }
    return mean(windowMeans);
  };
  const pooled = (key: 'coverage80' | 'coverage95'): number | null => {
    let inside = 0;
    let total = 0;
    for (const s of scores) {
      inside += pick(s)[key].inside;
      total += pick(s)[key].total;
    }
    return total > 0 ? inside / total : null;
  };
  return { mase: perWindow('mase'), sql: perWindow('sql'), coverage80: pooled('coverage80'), coverage95: pooled('coverage95') };
}

export function summariseBacktest(scores: readonly WindowScore[], series: number, windows: number): BacktestSummary {
  const methods: Record<string, number> = {};
  for (const s of scores) methods[s.auto.method] = (methods[s.auto.method] ?? 0) + 1;
  return {
    auto: summarise(scores, (s) => s.auto, windows),
    seasonalNaive: summarise(scores, (s) => s.seasonalNaive, windows),
    series,
    windows,
    methods,
    zeroScaleSkipped: scores.filter((s) => s.seasonalNaive.mase === null).length,
  };
}
