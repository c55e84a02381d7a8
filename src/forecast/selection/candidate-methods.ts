import type { DemandClass, MethodName } from '../types.ts';
import { isSparseDemand } from '../classification/demand-class.ts';

/**
 * Which estimators compete for a series. Sparse demand gets the intermittent family plus
 * SES and the naive-type baselines; smooth and erratic demand get the exponential
 * smoothing family plus seasonal naive. Seasonal models need two full seasons (their
 * start uses them) and one more season to be judged on; multiplicative seasonality
 * needs strictly positive data.
 */
export function candidateMethods(demandClass: DemandClass, values: readonly number[], seasonPeriod: number): MethodName[] {
  const n = values.length;
  const m = Math.floor(seasonPeriod);
  const seasonal = m > 1 && n >= m + 1;
  const fullSeasonal = m > 1 && n >= 3 * m;
  if (demandClass === 'no-demand') return ['naive'];
  if (isSparseDemand(demandClass)) {
    const sparse: MethodName[] = ['sba', 'croston', 'tsb', 'ses'];
    return seasonal ? [...sparse, 'seasonal-naive'] : [...sparse, 'naive'];
  }
  const smooth: MethodName[] = ['ses', 'damped-trend'];
  if (seasonal) smooth.push('seasonal-naive');
  if (fullSeasonal) {
    smooth.push('seasonal-ses', 'holt-winters-damped');
    if (values.every((v) => v > 0)) smooth.push('holt-winters-multiplicative');
  }
  if (!seasonal) smooth.push('naive');
  return smooth;
}
