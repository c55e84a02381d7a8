import type { DemandClass, MethodName } from '../types.ts';
import { isSparseDemand } from '../classification/demand-class.ts';
import { hasSeasonalityOnce } from '../classification/seasonality-test.ts';

/**
 * Multiplicative and additive seasonality only differ much when the level moves a lot.
 * Below this ratio between the highest and lowest season mean the extra candidate added
 * selection noise and a third of the fitting cost: on the synthetic daily set (300 × 400
 * days) MASE went 0.769 → 0.765 when it was gated at 3×; on AirPassengers (ratio ≈ 3.7)
 * it is still a candidate and wins.
 */
const MULTIPLICATIVE_LEVEL_RATIO = 3;

function levelRatio(values: readonly number[], m: number): number {
  let low = Infinity;
  let high = 0;
  for (let start = values.length % m; start + m <= values.length; start += m) {
    let sum = 0;
    for (let t = start; t < start + m; t++) sum += values[t]!;
    low = Math.min(low, sum / m);
    high = Math.max(high, sum / m);
  }
  return low > 0 ? high / low : 0;
}

/**
 * Which estimators compete for a series.
 * - Sparse demand: SBA, TSB, SES and a naive-type baseline. Plain Croston (SBA without the
 *   bias correction) left the list: it won a few windows by luck and cost a parameter search
 *   per sparse series; without it engine MASE was unchanged on the retail simulator (seeds
 *   7/11/23, 0.758/0.727/0.730) and car-parts went 1.094 → 1.093 (SQL 0.855 → 0.853). It can
 *   still be asked for by name.
 * - Smooth/erratic demand with a significant cycle (and ≥ 3 seasons: two to start the
 *   seasonal states, one to judge on): seasonal naive and the Holt–Winters family;
 *   multiplicative seasonality only for strictly positive data whose level moves.
 * - Otherwise: SES and a naive-type baseline (with theta, ARIMA and their combination for
 *   both). Damped trend left this list: it won 3 of 3,000 simulated retail series alone and was
 *   the costliest fit of a series without a cycle (8% of the forecasting CPU); SES took its
 *   place in the combination. Engine MASE unchanged on the retail simulator (seeds 7/11/23:
 *   0.758/0.727/0.730; 300 × 365 days, 4 windows: 0.754, SQL 0.564 → 0.565), on the synthetic
 *   set (300 × 400 days: 0.754) and on car-parts (1.093, SQL 0.853 → 0.854). The AutoETS
 *   reference (family 'ets') keeps it, and it can still be asked for by name.
 * Order matters: simplest first (ties keep the simpler model), and seasonal SES before
 * the Holt–Winters variants that start their search from its parameters.
 */
const ETS_FAMILY: ReadonlySet<MethodName> = new Set(['ses', 'holt', 'damped-trend', 'seasonal-ses', 'holt-winters-additive', 'holt-winters-damped', 'holt-winters-multiplicative']);

export function candidateMethods(demandClass: DemandClass, values: readonly number[], seasonPeriod: number, family: 'all' | 'ets' = 'all'): MethodName[] {
  const all = allCandidates(demandClass, values, seasonPeriod, family);
  if (family === 'all') return all;
  const ets = all.filter((m) => ETS_FAMILY.has(m));
  return ets.length > 0 ? ets : ['ses'];
}

function allCandidates(demandClass: DemandClass, values: readonly number[], seasonPeriod: number, family: 'all' | 'ets'): MethodName[] {
  const m = Math.floor(seasonPeriod);
  const baseline: MethodName = m > 1 && values.length > m ? 'seasonal-naive' : 'naive';
  if (demandClass === 'no-demand') return ['naive'];
  if (isSparseDemand(demandClass)) return ['sba', 'tsb', 'ses', baseline];
  if (!hasSeasonalityOnce(values, m)) return family === 'ets' ? ['ses', 'damped-trend'] : ['ses', baseline, 'theta', 'arima', 'combination'];
  const seasonal: MethodName[] = ['seasonal-naive', 'seasonal-ses', 'theta', 'arima', 'combination'];
  if (values.every((v) => v > 0) && levelRatio(values, m) >= MULTIPLICATIVE_LEVEL_RATIO) {
    seasonal.push('holt-winters-multiplicative');
  }
  return seasonal;
}
