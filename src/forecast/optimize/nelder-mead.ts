export interface Bounds {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface NelderMeadOptions {
  readonly maxEvaluations?: number;
  /** Stop when the spread of objective values across the simplex falls below this. */
  readonly tolerance?: number;
}

/**
 * Box-bounded Nelder–Mead. Points are clamped into the box before evaluation, which is
 * crude but adequate for smoothing parameters whose optimum is usually interior; the
 * evaluation budget is the knob that keeps 10k-series auto selection fast.
 */
export function nelderMeadMinimize(
  f: (x: number[]) => number,
  start: readonly number[],
  bounds: Bounds,
  options: NelderMeadOptions = {},
): { x: number[]; value: number } {
  const maxEvaluations = options.maxEvaluations ?? 60;
  const tolerance = options.tolerance ?? 1e-4;
  const dim = start.length;
  const clamp = (x: number[]): number[] =>
    x.map((v, i) => Math.min(bounds.upper[i] ?? v, Math.max(bounds.lower[i] ?? v, v)));
  let evaluations = 0;
  const evaluate = (x: number[]): { x: number[]; value: number } => {
    evaluations++;
    const p = clamp(x);
    const value = f(p);
    return { x: p, value: Number.isFinite(value) ? value : Number.MAX_VALUE };
  };

  const simplex = [evaluate([...start])];
  for (let i = 0; i < dim; i++) {
    const x = [...start];
    const span = (bounds.upper[i] ?? 1) - (bounds.lower[i] ?? 0);
    const xi = x[i] ?? 0;
    x[i] = xi + 0.1 * span <= (bounds.upper[i] ?? Infinity) ? xi + 0.1 * span : xi - 0.1 * span;
    simplex.push(evaluate(x));
  }

  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[dim]!;
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + 1e-12)) break;
    const centroid = new Array<number>(dim).fill(0);
    for (let j = 0; j < dim; j++) for (let i = 0; i < dim; i++) centroid[i]! += simplex[j]!.x[i]! / dim;
    const along = (t: number): number[] => centroid.map((c, i) => c + t * (worst.x[i]! - c));

    const reflected = evaluate(along(-1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(-2));
      simplex[dim] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[dim - 1]!.value) {
      simplex[dim] = reflected;
    } else {
      const contracted = evaluate(along(reflected.value < worst.value ? -0.5 : 0.5));
      if (contracted.value < Math.min(worst.value, reflected.value)) {
        simplex[dim] = contracted;
      } else {
        for (let j = 1; j <= dim; j++) {
          simplex[j] = evaluate(simplex[j]!.x.map((v, i) => best.x[i]! + 0.5 * (v - best.x[i]!)));
        }
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0]!;
}
