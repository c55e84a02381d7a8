/**
 * In-sample mean absolute error of the seasonal naive forecast, mean |y[t] − y[t−m]|:
 * the scale of MASE and of fev's scaled quantile loss. As in fev, a history too short
 * to have a single lag-m pair gets scale 1. NaN pairs are skipped.
 */
export function seasonalError(history: readonly number[], seasonPeriod: number): number {
  const m = Math.max(1, Math.floor(seasonPeriod));
  let sum = 0;
  let count = 0;
  for (let t = m; t < history.length; t++) {
    const d = Math.abs(history[t]! - history[t - m]!);
    if (Number.isNaN(d)) continue;
    sum += d;
    count++;
  }
  return count > 0 ? sum / count : 1;
}
