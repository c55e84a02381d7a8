export type AbcClass = 'A' | 'B' | 'C';

// Shares are sums of floats; 0.5 + 0.3 must count as having reached 80%.
const EPS = 1e-12;

export interface AbcInput {
  readonly id: string;
  readonly revenue: number;
}

export interface AbcRow {
  readonly id: string;
  readonly revenue: number;
  readonly share: number;
  /** Cumulative revenue share up to and including this item, in ranking order. */
  readonly cumulativeShare: number;
  readonly abcClass: AbcClass;
}

export interface AbcThresholds {
  /** Cumulative share that closes class A (default 0.80). */
  readonly a: number;
  /** Cumulative share that closes class B (default 0.95; C is the last 5%). */
  readonly b: number;
}

/**
 * Pareto ABC by revenue. Items are ranked by revenue (ties by id, so output is stable);
 * an item belongs to the class whose band contains the cumulative share *before* it, so
 * the item that crosses 80% is still A (A covers at least 80% of revenue).
 * Negative revenue counts as zero; with no revenue at all every item is C.
 */
export function abcClassify(items: readonly AbcInput[], thresholds: AbcThresholds = { a: 0.8, b: 0.95 }): AbcRow[] {
  const ranked = [...items]
    .map((item) => ({ id: item.id, revenue: Math.max(0, item.revenue) }))
    .sort((x, y) => y.revenue - x.revenue || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const total = ranked.reduce((a, item) => a + item.revenue, 0);
  let before = 0;
  return ranked.map((item) => {
    const share = total > 0 ? item.revenue / total : 0;
    const abcClass: AbcClass = total <= 0 ? 'C' : before < thresholds.a - EPS ? 'A' : before < thresholds.b - EPS ? 'B' : 'C';
    before += share;
    return { id: item.id, revenue: item.revenue, share, cumulativeShare: before, abcClass };
  });
}
