export const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Minimizes a unimodal function on [lo, hi] by golden-section search.
 * Exponential-smoothing SSE curves in one parameter are close enough to unimodal that
 * this finds the optimum in ~20 evaluations, far cheaper than a grid of the same precision.
 */
export function goldenSectionMinimize(
  f: (x: number) => number,
  lo: number,
  hi: number,
  maxEvaluations = 24,
): { x: number; value: number } {
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 2; i < maxEvaluations; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  return fc < fd ? { x: c, value: fc } : { x: d, value: fd };
}
