import type { ModelScore, WindowScore } from './window-scores.ts';

export interface ModelSummary {
  /** Per window: mean over series with a defined value; then mean over windows. */
  readonly mase: number | null;
  readonly sql: number | null;
  /** Share of actuals inside the interval, pooled over all series and windows. */
  readonly coverage80: number | null;
  readonly coverage95: number | null;
}

export interface ModelRows {
  /** The engine (automatic choice). */
  readonly auto: ModelSummary;
  readonly seasonalNaive: ModelSummary;
  /** The engine restricted to exponential smoothing. */
  readonly autoEts: ModelSummary;
  /** The AutoARIMA reference; null when it was not run. */
  readonly autoArima: ModelSummary | null;
}

export interface BacktestSummary extends ModelRows {
  readonly series: number;
  readonly windows: number;
  /** How often each method was chosen, over all series and windows. */
  readonly methods: Record<string, number>;
  /** Series-windows left out of MASE because their history has zero seasonal scale (as fev drops them). */
  readonly zeroScaleSkipped: number;
  /** The same rows per demand class of the training history (series-windows counted in `count`). */
  readonly byClass: Record<string, ModelRows & { readonly count: number }>;
}

const mean = (xs: readonly number[]): number | null => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function summarise(scores: readonly WindowScore[], pick: (s: WindowScore) => ModelScore | null, windows: number): ModelSummary {
  const perWindow = (metric: 'mase' | 'sql'): number | null => {
    const windowMeans: number[] = [];
    for (let w = 1; w <= windows; w++) {
      const values = scores
        .filter((s) => s.window === w)
        .map((s) => pick(s)?.[metric] ?? null)
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
      inside += pick(s)?.[key].inside ?? 0;
      total += pick(s)?.[key].total ?? 0;
    }
    return total > 0 ? inside / total : null;
  };
  return { mase: perWindow('mase'), sql: perWindow('sql'), coverage80: pooled('coverage80'), coverage95: pooled('coverage95') };
}

function rows(scores: readonly WindowScore[], windows: number): ModelRows {
  return {
    auto: summarise(scores, (s) => s.auto, windows),
    seasonalNaive: summarise(scores, (s) => s.seasonalNaive, windows),
    autoEts: summarise(scores, (s) => s.autoEts, windows),
    autoArima: scores.some((s) => s.autoArima) ? summarise(scores, (s) => s.autoArima, windows) : null,
  };
}

export function summariseBacktest(scores: readonly WindowScore[], series: number, windows: number): BacktestSummary {
  const methods: Record<string, number> = {};
  for (const s of scores) methods[s.auto.method] = (methods[s.auto.method] ?? 0) + 1;
  const byClass: BacktestSummary['byClass'] = {};
  for (const demandClass of [...new Set(scores.map((s) => s.demandClass))].sort()) {
    const subset = scores.filter((s) => s.demandClass === demandClass);
    byClass[demandClass] = { ...rows(subset, windows), count: subset.length };
  }
  return {
    ...rows(scores, windows),
    series,
    windows,
    methods,
    zeroScaleSkipped: scores.filter((s) => s.seasonalNaive.mase === null).length,
    byClass,
  };
}
