/** 0.1 … 0.9 (the levels fev scores) plus the 80% and 95% interval ends. */
export const DEFAULT_QUANTILE_LEVELS: readonly number[] = [
  0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.975,
];

const keys = new Map<number, string>();

/**
 * The record key for a level: its shortest decimal form, e.g. 0.1 → "0.1", 0.025 → "0.025".
 * Memoised because number-to-string conversion showed in 10k-series profiles (13 per series).
 */
export function quantileKey(level: number): string {
  let key = keys.get(level);
  if (key === undefined) {
    key = String(level);
    if (keys.size < 1000) keys.set(level, key);
  }
  return key;
}

export function validateLevels(levels: readonly number[]): void {
  for (const level of levels) {
    if (!(level > 0 && level < 1)) throw new RangeError(`quantile level must be in (0, 1), got ${level}`);
  }
}
