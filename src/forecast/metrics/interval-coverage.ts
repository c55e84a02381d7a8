export interface CoverageCount {
  readonly inside: number;
  readonly total: number;
}

/**
 * Counts actuals inside the closed interval [lower, upper]. Counts (not a ratio) are
 * returned so coverage can be pooled across series and windows before dividing.
 */
export function intervalCoverage(
  actual: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): CoverageCount {
  let inside = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const lo = lower[i];
    const hi = upper[i];
    if (Number.isNaN(y) || lo === undefined || hi === undefined) continue;
    total++;
    if (y >= lo && y <= hi) inside++;
  }
  return { inside, total };
}

export const coverageRatio = (c: CoverageCount): number | null => (c.total > 0 ? c.inside / c.total : null);
