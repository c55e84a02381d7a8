import { createRequire } from 'node:module';
import { fitAutoArima } from '../estimators/auto-arima.ts';
import { hasSeasonality } from '../classification/seasonality-test.ts';
import { inverseNormal } from '../replenishment/inverse-normal.ts';
import { quantileKey } from '../quantiles/quantile-levels.ts';

/** Which AutoARIMA the backtest prints as its reference row. */
export type ArimaReference = 'package' | 'own' | 'none';

interface ArimaPackage {
  new (options: Record<string, number | boolean>): {
    fit(ts: number[]): { predict(h: number): [number[], number[]]; destroy(): void };
    destroy(): void;
  };
}

let loaded: ArimaPackage | null | undefined;
/** The npm `arima` package (ctsa compiled to WebAssembly), loaded on first use; null when it cannot load. */
function arimaPackage(): ArimaPackage | null {
  if (loaded === undefined) {
    // The WebAssembly build binds console.log/error when it loads and prints solver warnings
    // ("The Matrix system does not have a unique solution") there: bind it to silence, so the
    // table and --json stay clean. The console is restored right after.
    const { log, error } = console;
    console.log = () => {};
    console.error = () => {};
    try {
      loaded = createRequire(import.meta.url)('arima') as ArimaPackage;
    } catch {
      loaded = null;
    } finally {
      console.log = log;
      console.error = error;
    }
  }
  return loaded;
}

export interface ReferenceForecast {
  readonly mean: number[];
  readonly quantiles: Record<string, number[]>;
}

function normalQuantiles(mean: number[], variance: number[], levels: readonly number[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const level of levels) {
    const z = inverseNormal(level);
    out[quantileKey(level)] = mean.map((m, k) => Math.max(0, m + z * Math.sqrt(Math.max(0, variance[k] ?? 0))));
  }
  return out;
}

/**
 * AutoARIMA forecast of a cleaned history. `package`: the npm `arima` AutoARIMA (stepwise
 * search over (p,d,q)(P,D,Q)s up to 2,1,2 / 1,1,1, normal intervals from its forecast
 * variances); when it throws (too short, singular), the series falls back to the own
 * AutoARIMA (CSS, AIC over a few orders) so the row stays complete.
 */
export function referenceArima(history: readonly number[], horizon: number, season: number, levels: readonly number[], which: ArimaReference): ReferenceForecast | null {
  if (which === 'none' || history.length < 2) return null;
  const Arima = which === 'package' ? arimaPackage() : null;
  if (Arima && history.length >= 2 * season + 10) {
    let model;
    try {
      const seasonal: Record<string, number> = season > 1 ? { s: season, P: 1, D: 1, Q: 1 } : {};
      model = new Arima({ auto: true, p: 2, d: 1, q: 2, ...seasonal, verbose: false }).fit([...history]);
      const [pred, variance] = model.predict(horizon);
      if (pred.every(Number.isFinite)) {
        const mean = pred.map((v) => Math.max(0, v));
        return { mean, quantiles: normalQuantiles(pred, variance, levels) };
      }
    } catch {
      // fall through to the own AutoARIMA
    } finally {
      model?.destroy();
    }
  }
  const own = fitAutoArima(history, season, hasSeasonality(history, season));
  const pred = own.forecastAt(history.length, horizon);
  const residuals = own.residuals;
  const sigma2 = residuals.reduce((s, e) => s + e * e, 0) / Math.max(1, residuals.length);
  // Variance growing linearly with the step: a random-walk approximation of the ψ-weights.
  return { mean: pred.map((v) => Math.max(0, v)), quantiles: normalQuantiles(pred, pred.map((_, k) => sigma2 * (k + 1)), levels) };
}

export const arimaPackageAvailable = (): boolean => arimaPackage() !== null;
