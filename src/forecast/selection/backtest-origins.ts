/**
 * Forecast origins for selection: the last `windows` non-overlapping blocks of `horizon`
 * steps, newest first, keeping only origins with at least `minTrain` observations before
 * them. When the series is too short for even one full block, a single origin with a
 * partial block is used so short series are still judged out of sample.
 */
export function selectionOrigins(length: number, horizon: number, windows: number, minTrain: number): number[] {
  const origins: number[] = [];
  for (let w = 1; w <= windows; w++) {
    const origin = length - w * horizon;
    if (origin < minTrain) break;
    origins.push(origin);
  }
  if (origins.length === 0 && length - minTrain >= 1) origins.push(minTrain);
  return origins;
}

/** The smallest history a candidate must be compared on: one season plus one step, at least 3. */
export function minimumTraining(seasonPeriod: number): number {
  return Math.max(3, Math.floor(seasonPeriod) + 1);
}
