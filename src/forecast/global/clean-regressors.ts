/**
 * Regressor arrays known to hold finite numbers only and never to change, so the models read
 * them without a cleaning copy (forecastSeries aligns a series' regressors once; its models
 * would otherwise copy them again at every origin).
 *
 * Why a short list and not a WeakSet: a WeakSet insert cost ~3 µs (1.5% of bench:forecast's
 * CPU for two inserts per series), and the garbage collector walks its table of dead entries.
 * Arrays are marked and read by the same forecast, one forecast at a time per thread, so
 * the last few marked arrays are all that is ever asked about. An array that has dropped out
 * of the list is only copied again when next read, never read unclean.
 */
const REMEMBERED = 8;
const recent: object[] = [];
let next = 0;

export function markCleanRegressor(values: readonly number[]): void {
  recent[next] = values;
  next = (next + 1) % REMEMBERED;
}

export function markCleanRegressors(arrays: Iterable<readonly number[]>): void {
  for (const values of arrays) markCleanRegressor(values);
}

export function isCleanRegressor(values: object): boolean {
  for (let i = 0; i < recent.length; i++) if (recent[i] === values) return true;
  return false;
}
