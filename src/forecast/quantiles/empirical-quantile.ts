/**
 * Quantile of an ascending-sorted sample with linear interpolation between order
 * statistics (Hyndman & Fan type 7, the R and NumPy default).
 */
export function quantileSorted(sorted: ArrayLike<number>, level: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = Math.min(1, Math.max(0, level)) * (n - 1);
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const weight = position - below;
  return sorted[below]! * (1 - weight) + sorted[above]! * weight;
}
