import { sortByValue, type Bounds, type NelderMeadOptions } from './nelder-mead.ts';

/** Evaluates the objective at points[0…count−1] (count ≤ 4) in one call, values to out[0…count−1]. */
export type NelderMeadBatchObjective = (points: readonly Float64Array[], count: number, out: Float64Array) => void;

/**
 * nelderMeadMinimize with the same points, values, evaluation count and answer bit for bit,
 * for objectives that evaluate several points in one pass for little more than the cost of
 * one (a smoothing recursion is a chain of dependent steps; independent chains run side by
 * side). Each iteration evaluates the reflection, the expansion and both contractions at
 * once (the plain search evaluates one or two of them, chosen by the reflection's value) and
 * then takes the step the plain search would take; a shrink evaluates its points at once.
 * Only the evaluations the plain search makes count against the budget.
 */
export function nelderMeadMinimizeBatch(
  f: NelderMeadBatchObjective,
  start: readonly number[],
  bounds: Bounds,
  options: NelderMeadOptions = {},
): { x: number[]; value: number } {
  const maxEvaluations = options.maxEvaluations ?? 60;
  const tolerance = options.tolerance ?? 1e-4;
  const dim = start.length;
  if (dim + 1 > 4) throw new RangeError(`nelderMeadMinimizeBatch evaluates at most 4 points per call, a simplex of ${String(dim + 1)} needs more`);
  const lower = Float64Array.from(bounds.lower);
  const upper = Float64Array.from(bounds.upper);
  const points: Float64Array[] = [];
  const order: number[] = [];
  for (let j = 0; j <= dim; j++) {
    points.push(new Float64Array(dim));
    order.push(j);
  }
  const values = new Float64Array(dim + 1);
  const centroid = new Float64Array(dim);
  // Reflection, expansion, inside and outside contraction.
  const trials = [new Float64Array(dim), new Float64Array(dim), new Float64Array(dim), new Float64Array(dim)];
  const trialValues = new Float64Array(4);
  const shrunk: Float64Array[] = [];
  let evaluations = 0;

  const clamp = (x: Float64Array): void => {
    for (let i = 0; i < dim; i++) x[i] = Math.min(upper[i]!, Math.max(lower[i]!, x[i]!));
  };
  const evaluateAll = (xs: readonly Float64Array[], count: number, out: Float64Array): void => {
    for (let k = 0; k < count; k++) clamp(xs[k]!);
    f(xs, count, out);
    for (let k = 0; k < count; k++) if (!Number.isFinite(out[k]!)) out[k] = Number.MAX_VALUE;
  };
  /** x = centroid + t·(worst − centroid) */
  const along = (x: Float64Array, worst: Float64Array, t: number): void => {
    for (let i = 0; i < dim; i++) x[i] = centroid[i]! + t * (worst[i]! - centroid[i]!);
  };

  for (let j = 0; j <= dim; j++) {
    const p = points[j]!;
    for (let i = 0; i < dim; i++) p[i] = start[i]!;
    if (j > 0) {
      const step = 0.1 * (upper[j - 1]! - lower[j - 1]!);
      p[j - 1] = p[j - 1]! + step <= upper[j - 1]! ? p[j - 1]! + step : p[j - 1]! - step;
    }
  }
  evaluateAll(points, dim + 1, values);
  evaluations += dim + 1;

  while (evaluations < maxEvaluations) {
    sortByValue(order, values);
    const best = order[0]!;
    const worst = order[dim]!;
    if (Math.abs(values[worst]! - values[best]!) <= tolerance * (Math.abs(values[best]!) + 1e-12)) break;
    centroid.fill(0);
    for (let j = 0; j < dim; j++) for (let i = 0; i < dim; i++) centroid[i]! += points[order[j]!]![i]! / dim;
    const worstPoint = points[worst]!;
    along(trials[0]!, worstPoint, -1);
    along(trials[1]!, worstPoint, -2);
    along(trials[2]!, worstPoint, -0.5);
    along(trials[3]!, worstPoint, 0.5);
    evaluateAll(trials, 4, trialValues);

    const reflected = trialValues[0]!;
    evaluations++;
    if (reflected < values[best]!) {
      const expanded = trialValues[1]!;
      evaluations++;
      if (expanded < reflected) accept(worst, trials[1]!, expanded);
      else accept(worst, trials[0]!, reflected);
    } else if (reflected < values[order[dim - 1]!]!) {
      accept(worst, trials[0]!, reflected);
    } else {
      const inside = reflected < values[worst]! ? 2 : 3;
      const contracted = trialValues[inside]!;
      evaluations++;
      if (contracted < Math.min(values[worst]!, reflected)) {
        accept(worst, trials[inside]!, contracted);
      } else {
        const bestPoint = points[best]!;
        shrunk.length = 0;
        for (let r = 1; r <= dim; r++) {
          const p = points[order[r]!]!;
          for (let i = 0; i < dim; i++) p[i] = bestPoint[i]! + 0.5 * (p[i]! - bestPoint[i]!);
          shrunk.push(p);
        }
        evaluateAll(shrunk, dim, trialValues);
        for (let r = 1; r <= dim; r++) values[order[r]!] = trialValues[r - 1]!;
        evaluations += dim;
      }
    }
  }

  function accept(index: number, x: Float64Array, value: number): void {
    points[index]!.set(x);
    values[index] = value;
  }

  let best = 0;
  for (let j = 1; j <= dim; j++) if (values[j]! < values[best]!) best = j;
  const x: number[] = [];
  for (const v of points[best]!) x.push(v);
  return { x, value: values[best]! };
}
