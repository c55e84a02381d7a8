/**
 * Economic order quantity √(2DS/H): D demand per year, S cost per order, H holding cost
 * per unit per year. Null when it is undefined (no holding cost) rather than Infinity,
 * so it serialises through GraphQL.
 */
export function economicOrderQuantity(annualDemand: number, orderingCost: number, holdingCostPerUnitYear: number): number | null {
  if (!(holdingCostPerUnitYear > 0) || annualDemand < 0 || orderingCost < 0) return null;
  return Math.sqrt((2 * annualDemand * orderingCost) / holdingCostPerUnitYear);
}

/** Order quantity that covers `coverDays` of forecast demand (periodic-review style). */
export function coverDaysOrderQuantity(dailyForecast: readonly number[], coverDays: number): number {
  let total = 0;
  const average = dailyForecast.length > 0 ? dailyForecast.reduce((a, b) => a + b, 0) / dailyForecast.length : 0;
  for (let d = 0; d < Math.ceil(coverDays); d++) {
    const share = Math.min(1, coverDays - d);
    total += share * (dailyForecast[d] ?? average);
  }
  return total;
}
