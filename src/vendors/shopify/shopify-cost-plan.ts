/**
 * Query-cost arithmetic for the documents in shopify-documents.ts, so every request asks for as
 * much as one query may (Shopify refuses a query whose REQUESTED cost exceeds 1000 points) and
 * no more. Shopify's rules: scalars and enums 0, each object 1, a connection 2 + first × one
 * node, a list sized by a list argument (`nodes(ids:)`, `quantities(names:)`) its length × one
 * item. The simulator prices the same documents independently; the tests compare the two.
 */
export const MAX_QUERY_COST = 1000;
/** Largest page, `nodes(ids:)` list and mutation input array (README §5). */
export const MAX_PAGE_SIZE = 250;
const CONNECTION_COST = 2;

/** LevelFields: the level 1 + location 1 + quantities(names: [available, on_hand]) 2. */
export const LEVEL_NODE_COST = 4;
/** VariantFields: the variant 1 + product 1 + inventoryItem 1 + unitCost 1. */
export const VARIANT_NODE_COST = 4;
export const SHOP_FACTS_COST = 2;
/** Shopify prices a mutation field at 10, whatever it selects. */
export const MUTATION_COST = 10;
export const COUNT_COST = 1;

/** One `locations(first: n)` page: the connection 2 + n × 1 (id, name, isActive are scalars). */
export function locationsPageCost(first: number): number {
  return CONNECTION_COST + first;
}

/** Locations per page: 2 + n ≤ 1000, capped at 250. */
export const LOCATIONS_PAGE_SIZE = maxNodesWithin(1, CONNECTION_COST);

/** An InventoryItem 1 + its variant's VariantFields 4. */
export const ITEM_VARIANT_NODE_COST = 1 + VARIANT_NODE_COST;

/** One `inventoryLevels(first: L)` connection. */
export function levelsConnectionCost(levelsFirst: number): number {
  return CONNECTION_COST + levelsFirst * LEVEL_NODE_COST;
}

/** How many locations to ask levels for: every location of the shop, at least 1. */
export function levelsFirstFor(locationCount: number): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, locationCount));
}

/** Largest n with overhead + n × perNode ≤ 1000, capped at 250. */
export function maxNodesWithin(perNode: number, overhead = 0): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor((MAX_QUERY_COST - overhead) / perNode)));
}

/** Variants per `productVariants` page: 2 + n × 4 ≤ 1000 → 249 without levels. */
export function variantPageCapacity(): number {
  return maxNodesWithin(VARIANT_NODE_COST, CONNECTION_COST);
}

/** Variants per page with levels inline: 2 + n × (4 + 2 + 4L) ≤ 1000 → 55 for 3 locations. */
export function variantPageWithLevelsCapacity(levelsFirst: number): number {
  return maxNodesWithin(VARIANT_NODE_COST + levelsConnectionCost(levelsFirst), CONNECTION_COST);
}

/** Variants per `nodes(ids:)` request: n × 4 ≤ 1000 → 250. */
export function variantsByIdsCapacity(): number {
  return maxNodesWithin(VARIANT_NODE_COST);
}

/** Variants per `nodes(ids:)` request with levels inline: n × (4 + 2 + 4L) ≤ 1000 → 55 for 3 locations. */
export function variantsByIdsWithLevelsCapacity(levelsFirst: number): number {
  return maxNodesWithin(VARIANT_NODE_COST + levelsConnectionCost(levelsFirst));
}

/** Inventory items per `nodes(ids:)` levels request: n × (1 + 2 + 4L) ≤ 1000 → 66 for 3 locations. */
export function levelsBatchCapacity(levelsFirst: number): number {
  return maxNodesWithin(1 + levelsConnectionCost(levelsFirst));
}

export interface ListingPlan {
  /** Fetch levels inside the variant page (one query) rather than in separate batches. */
  readonly inline: boolean;
  /** Variants per upstream page. */
  readonly pageSize: number;
  /** Upstream requests the listing of `first` variants takes (levels included). */
  readonly requests: number;
}

/**
 * Levels inline or separately, whichever needs fewer requests for `first` variants (ties go
 * inline: one snapshot, and it is also fewer points). Separately means ⌈first/249⌉ pages plus
 * ⌈first/levelsBatch⌉ level batches; inline means ⌈first/inlineCapacity⌉ pages.
 * Example, 3 locations, 200 variants: inline 4 pages of ≤55 vs 1 page + 4 batches of ≤66 = 5.
 */
export function planListing(first: number, locationCount: number, includeLevels: boolean): ListingPlan {
  const wanted = Math.max(1, first);
  const plain = variantPageCapacity();
  if (!includeLevels) return { inline: false, pageSize: plain, requests: Math.ceil(wanted / plain) };
  const levelsFirst = levelsFirstFor(locationCount);
  const inlineSize = variantPageWithLevelsCapacity(levelsFirst);
  const inlineRequests = Math.ceil(wanted / inlineSize);
  const separateRequests = Math.ceil(wanted / plain) + Math.ceil(wanted / levelsBatchCapacity(levelsFirst));
  return inlineRequests <= separateRequests
    ? { inline: true, pageSize: inlineSize, requests: inlineRequests }
    : { inline: false, pageSize: plain, requests: separateRequests };
}

/** Requested cost of one `productVariants` page (for the upstream policy's rate budget). */
export function variantPageCost(first: number, levelsFirst: number | null): number {
  const perNode = VARIANT_NODE_COST + (levelsFirst === null ? 0 : levelsConnectionCost(levelsFirst));
  return CONNECTION_COST + first * perNode;
}
