import type { FittedModel, MethodName } from '../types.ts';
import { nelderMeadMinimize } from '../optimize/nelder-mead.ts';
import type { SeasonForm } from './seasonal-init.ts';
import { seasonalProblem } from './seasonal-problem.ts';
import {
  runSeasonalFilter,
  seasonalForecast,
  seasonalOneStep,
  seasonalPathSize,
  seasonalSse,
  type SeasonalParams,
  type SeasonalPath,
} from './seasonal-filter.ts';
import { SharedPath } from './shared-path.ts';
import { Fitted } from './fitted-model.ts';
import { ScratchBuffer } from '../scratch-buffer.ts';

const sharedPath = new SharedPath<SeasonalPath>();
/** The season ring of the parameter search (one search at a time). */
const ringScratch = new ScratchBuffer();

export type SeasonalTrend = 'none' | 'additive' | 'damped';

export interface SeasonalSpec {
  readonly method: MethodName;
  readonly trend: SeasonalTrend;
  readonly form: SeasonForm;
}

export const SEASONAL_SPECS = {
  'seasonal-ses': { method: 'seasonal-ses', trend: 'none', form: 'additive' },
  'holt-winters-additive': { method: 'holt-winters-additive', trend: 'additive', form: 'additive' },
  'holt-winters-damped': { method: 'holt-winters-damped', trend: 'damped', form: 'additive' },
  'holt-winters-multiplicative': { method: 'holt-winters-multiplicative', trend: 'additive', form: 'multiplicative' },
} as const satisfies Record<string, SeasonalSpec>;

/**
 * Free parameters are mapped into a box so Nelder–Mead stays inside the ETS region:
 * β = α·β* (β < α) and γ = (1 − α)·γ* (γ < 1 − α).
 */
export function toParams(spec: SeasonalSpec, x: ArrayLike<number>): SeasonalParams {
  const alpha = x[0]!;
  const gamma = (1 - alpha) * x[1]!;
  const beta = spec.trend === 'none' ? 0 : alpha * x[2]!;
  const phi = spec.trend === 'damped' ? x[3]! : 1;
  return { alpha, beta, gamma, phi, form: spec.form };
}

/** Search start in the free coordinates [α, γ*, β*, φ] (unused trailing ones are dropped). */
export type SeasonalSearchStart = readonly [alpha: number, gammaStar: number, betaStar?: number, phi?: number];

function searchSpace(spec: SeasonalSpec, from?: SeasonalSearchStart): { start: number[]; lower: number[]; upper: number[] } {
  const start = [from?.[0] ?? 0.2, from?.[1] ?? 0.1, from?.[2] ?? 0.1, from?.[3] ?? 0.9];
  const lower = [0.001, 0.001, 0.001, 0.8];
  const upper = [0.999, 0.999, 0.999, 0.98];
  const dim = spec.trend === 'none' ? 2 : spec.trend === 'additive' ? 3 : 4;
  return { start: start.slice(0, dim), lower: lower.slice(0, dim), upper: upper.slice(0, dim) };
}

export interface SeasonalSearch {
  /** Where Nelder–Mead starts; a nearby fit (e.g. seasonal SES for Holt–Winters) saves evaluations. */
  readonly start?: SeasonalSearchStart;
  /** Objective evaluations allowed; default 20 per free parameter; 0 takes `start` as the fit. */
  readonly maxEvaluations?: number;
}

/** Fits one Holt–Winters variant; needs at least one full season (two for a sound start). */
export function fitHoltWinters(
  values: readonly number[],
  seasonPeriod: number,
  spec: SeasonalSpec,
  search: SeasonalSearch = {},
): FittedModel {
  const m = Math.max(1, Math.floor(seasonPeriod));
  const problem = seasonalProblem(values, m, spec.form, spec.trend !== 'none');
  const space = searchSpace(spec, search.start);
  const ring = ringScratch.take(m);
  const best =
    search.maxEvaluations === 0
      ? { x: space.start }
      : nelderMeadMinimize(
          (x) => seasonalSse(values, problem.recentFrom, m, problem.recentStart, toParams(spec, x), ring),
          space.start,
          { lower: space.lower, upper: space.upper },
          { maxEvaluations: search.maxEvaluations ?? 20 * space.start.length },
        );
  const params = toParams(spec, best.x);
  const owner = {};
  const pathOf = (): SeasonalPath =>
    sharedPath.get(owner, seasonalPathSize(values.length, m), (memory) => runSeasonalFilter(values, m, problem.start, params, memory));
  return new Fitted({
    method: spec.method,
    params: { alpha: params.alpha, beta: params.beta, gamma: params.gamma, phi: params.phi, seasonPeriod: m },
    // The start uses the first two seasons, so earlier origins would peek at their future.
    minOrigin: Math.min(values.length, 2 * m),
    residuals: () => {
      const path = pathOf();
      return values.map((y, t) => y - seasonalOneStep(path, params, t));
    },
    forecastAt: (origin, horizon) => seasonalForecast(pathOf(), m, params, origin, horizon),
  });
}
