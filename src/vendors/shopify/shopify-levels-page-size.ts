import { levelsFirstFor } from './shopify-cost-plan.ts';

/**
 * Levels asked per item (`inventoryLevels(first:)`) when the shop's location count is unknown.
 * Most shops stock an item at a handful of locations; 5 keeps 38 variants per page with levels
 * inline (2 + n × (4 + 2 + 5 × 4) ≤ 1000), so a 200-variant page costs 6 requests, not one per item.
 */
export const FALLBACK_LEVELS_FIRST = 5;

/**
 * How many levels per item a query asks for. `locationsCount` says it when Shopify answers it,
 * but the field is nullable (`QueryRoot.locationsCount: Count`) and an independent Admin API
 * implementation answered without it; asking for 1 level then made every item stocked at more
 * locations cost a request of its own (148 requests for a 200-variant page instead of 4).
 * Without a count: FALLBACK_LEVELS_FIRST until an answer is seen, then the most levels any one
 * item was seen with (an item with more raises it; its rest is read page by page meanwhile).
 */
export class LevelsPageSize {
  private mostSeen = 0;

  levelsFirst(locationCount: number | null): number {
    if (locationCount !== null) return levelsFirstFor(locationCount);
    return levelsFirstFor(this.mostSeen > 0 ? this.mostSeen : FALLBACK_LEVELS_FIRST);
  }

  /** The complete number of levels of one item, from an answer. */
  observe(levelsOfOneItem: number): void {
    this.mostSeen = Math.max(this.mostSeen, levelsOfOneItem);
  }
}
