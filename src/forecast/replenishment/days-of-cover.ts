/**
 * Days until `stock` is used up at the forecast demand, with the partial last day as a
 * fraction. Past the forecast horizon the average forecast rate is assumed. Null means
 * the stock never runs out (no forecast demand); 0 for no stock.
 */
export function daysOfCover(stock: number, dailyForecast: readonly number[]): number | null {
  if (stock <= 0) return 0;
  let left = stock;
  for (let d = 0; d < dailyForecast.length; d++) {
    const demand = Math.max(0, dailyForecast[d]!);
    if (demand >= left) return d + left / demand;
    left -= demand;
  }
  const average = dailyForecast.reduce((a, b) => a + Math.max(0, b), 0) / Math.max(1, dailyForecast.length);
  return average > 0 ? dailyForecast.length + left / average : null;
}
