import { INV_PHI } from './golden-section.ts';

/**
 * Evaluates the objective at up to three points in one call (`count` of x0, x1, x2; the
 * others are ignored) and writes the values to out[0…count−1].
 */
export type BatchObjective = (count: number, x0: number, x1: number, x2: number, out: Float64Array) => void;

const batchValues = new Float64Array(3);

/**
 * goldenSectionMinimize with the same points, values and answer bit for bit, but two steps per
 * objective call. Why: a smoothing SSE is one long dependency chain (each level waits for the
 * previous one), so a pass that runs three independent chains costs little more than a pass
 * that runs one. The next point is known before its value is (it follows from the last
 * comparison); the point after it is one of two, known before either value. One call
 * evaluates the next point and both possible successors, then the two steps are taken as
 * the plain search would take them. (Theta's SES weight does the same with four weights.)
 */
export function goldenSectionMinimizeBatch(f: BatchObjective, lo: number, hi: number, maxEvaluations = 24): { x: number; value: number } {
  const out = batchValues;
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  f(2, c, d, 0, out);
  let fc = out[0]!;
  let fd = out[1]!;
  for (let i = 2; i < maxEvaluations; ) {
    // Step one: its new point follows from fc < fd.
    const left = fc < fd;
    const a1 = left ? a : c;
    const b1 = left ? d : b;
    const c1 = left ? b1 - INV_PHI * (b1 - a1) : d;
    const d1 = left ? c : a1 + INV_PHI * (b1 - a1);
    const x1 = left ? c1 : d1;
    if (i + 1 >= maxEvaluations) {
      f(1, x1, 0, 0, out);
      const fc1 = left ? out[0]! : fd;
      fd = left ? fc : out[0]!;
      fc = fc1;
      a = a1;
      b = b1;
      c = c1;
      d = d1;
      break;
    }
    // Step two's new point if step one's value makes c the lower (left) or d (right).
    const b2Left = d1;
    const c2Left = b2Left - INV_PHI * (b2Left - a1);
    const a2Right = c1;
    const d2Right = a2Right + INV_PHI * (b1 - a2Right);
    f(3, x1, c2Left, d2Right, out);
    const fc1 = left ? out[0]! : fd;
    const fd1 = left ? fc : out[0]!;
    if (fc1 < fd1) {
      a = a1;
      b = b2Left;
      c = c2Left;
      d = c1;
      fc = out[1]!;
      fd = fc1;
    } else {
      a = a2Right;
      b = b1;
      c = d1;
      d = d2Right;
      fc = fd1;
      fd = out[2]!;
    }
    i += 2;
  }
  return fc < fd ? { x: c, value: fc } : { x: d, value: fd };
}
