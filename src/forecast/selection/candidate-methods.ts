import type { DemandClass, MethodName } from '../types.ts';
import { isSparseDemand } from '../classification/demand-class.ts';
import { hasSeasonality } from '../classification/seasonality-test.ts';

/**
 * Which estimators compete for a series.
 * - Sparse demand: the intermittent family, SES and a naive-type baseline.
 * - Smooth/erratic demand with a significant cycle (and ≥ 3 seasons: two to start the
 *   seasonal states, one to judge on): seasonal naive and the Holt–Winters family;
 *   multiplicative seasonality only for strictly positive data.
 * - Otherwise: SES, damped trend and a naive-type baseline.
 * Order matters: simplest first (ties keep the simpler model), and seasonal SES before
 * the Holt–Winters variants that start their search from its parameters.
 */
export function candidateMethods(demandClass: DemandClass, values: readonly number[], seasonPeriod: number): MethodName[] {
  const m = Math.floor(seasonPeriod);
  const baseline: MethodName = m > 1 && values.length > m ? 'seasonal-naive' : 'naive';
  if (demandClass === 'no-demand') return ['naive'];
  if (isSparseDemand(demandClass)) return ['sba', 'croston', 'tsb', 'ses', baseline];
  if (!hasSeasonality(values, m)) return ['ses', 'damped-trend', baseline];
  const seasonal: MethodName[] = ['seasonal-naive', 'seasonal-ses', 'holt-winters-damped'];
  if (values.every((v) => v > 0)) seasonal.push('holt-winters-multiplicative');
  return seasonal;
}
