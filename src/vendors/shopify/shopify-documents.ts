/**
 * Every GraphQL document the Shopify client sends (Admin API 2026-07), one const per operation.
 * Each is validated against Shopify's real Admin schema in
 * test/integration/shopify/shopify-schema-conformance.test.ts, and each
 * one's query cost is priced in shopify-cost-plan.ts (kept in step by the simulator tests).
 */

/** The quantity names the gateway reads: `available` and `on_hand` (2 InventoryQuantity objects). */
const LEVEL_FIELDS = `
fragment LevelFields on InventoryLevel {
  id
  updatedAt
  location { id name }
  quantities(names: ["available", "on_hand"]) { name quantity }
}`;

const VARIANT_FIELDS = `
fragment VariantFields on ProductVariant {
  id
  title
  sku
  barcode
  price
  updatedAt
  product { id title status }
  inventoryItem { id tracked unitCost { amount currencyCode } }
}`;

/** Facts the cost planning and the money mapping need; cached by the source. */
export const SHOP_FACTS = `
query ShopFacts {
  shop { currencyCode }
  locationsCount { count }
}`;

export const PRODUCT_VARIANTS_PAGE = `
query ProductVariantsPage($first: Int!, $after: String, $query: String) {
  productVariants(first: $first, after: $after, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes { ...VariantFields }
  }
}
${VARIANT_FIELDS}`;

/** A variant with its first `$levelsFirst` stock levels inline (the operation declares `$levelsFirst`). */
const VARIANT_WITH_LEVELS = `...VariantFields
      inventoryItem {
        inventoryLevels(first: $levelsFirst) {
          pageInfo { hasNextPage endCursor }
          nodes { ...LevelFields }
        }
      }`;

export const PRODUCT_VARIANTS_PAGE_WITH_LEVELS = `
query ProductVariantsPageWithLevels($first: Int!, $after: String, $query: String, $levelsFirst: Int!) {
  productVariants(first: $first, after: $after, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes { ${VARIANT_WITH_LEVELS} }
  }
}
${VARIANT_FIELDS}
${LEVEL_FIELDS}`;

export const PRODUCT_VARIANTS_BY_IDS = `
query ProductVariantsByIds($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on ProductVariant { ...VariantFields }
  }
}
${VARIANT_FIELDS}`;

/** Variants by ID with their levels inline: what a stock write checks (item, tracked, stocked at the location) in one query. */
export const PRODUCT_VARIANTS_BY_IDS_WITH_LEVELS = `
query ProductVariantsByIdsWithLevels($ids: [ID!]!, $levelsFirst: Int!) {
  nodes(ids: $ids) {
    ... on ProductVariant { ${VARIANT_WITH_LEVELS} }
  }
}
${VARIANT_FIELDS}
${LEVEL_FIELDS}`;

/**
 * Variants by their InventoryItem GIDs (the seed's `inventory_item_id`, what Shopify's REST API
 * and inventory webhooks name): mutations accept them as a product's native ID.
 */
export const VARIANTS_BY_INVENTORY_ITEM_IDS = `
query VariantsByInventoryItemIds($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on InventoryItem { id variant { ...VariantFields } }
  }
}
${VARIANT_FIELDS}`;

/** The shop's locations, deactivated ones too (`includeInactive`), one page. */
export const LOCATIONS_PAGE = `
query LocationsPage($first: Int!, $after: String) {
  locations(first: $first, after: $after, includeInactive: true) {
    pageInfo { hasNextPage endCursor }
    nodes { id name isActive }
  }
}`;

export const PRODUCT_VARIANTS_COUNT = `
query ProductVariantsCount($query: String) {
  productVariantsCount(query: $query) { count precision }
}`;

export const INVENTORY_LEVELS_BY_ITEM_IDS = `
query InventoryLevelsByItemIds($ids: [ID!]!, $levelsFirst: Int!) {
  nodes(ids: $ids) {
    ... on InventoryItem {
      id
      inventoryLevels(first: $levelsFirst) {
        pageInfo { hasNextPage endCursor }
        nodes { ...LevelFields }
      }
    }
  }
}
${LEVEL_FIELDS}`;

/** The rest of one item's levels, when it is stocked at more locations than a batch asked for. */
export const INVENTORY_ITEM_LEVELS_PAGE = `
query InventoryItemLevelsPage($id: ID!, $first: Int!, $after: String) {
  inventoryItem(id: $id) {
    id
    inventoryLevels(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...LevelFields }
    }
  }
}
${LEVEL_FIELDS}`;

const MUTATION_RESULT = `
inventoryAdjustmentGroup {
  createdAt
  changes(quantityNames: ["available", "on_hand"]) {
    name
    delta
    quantityAfterChange
    item { id }
    location { id name }
  }
}
userErrors { code field message }`;

export const INVENTORY_SET_QUANTITIES = `
mutation InventorySetQuantities($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {${MUTATION_RESULT}
  }
}`;

export const INVENTORY_ADJUST_QUANTITIES = `
mutation InventoryAdjustQuantities($input: InventoryAdjustQuantitiesInput!, $idempotencyKey: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $idempotencyKey) {${MUTATION_RESULT}
  }
}`;

/** Every document, for the schema validation test. */
export const ALL_DOCUMENTS: Readonly<Record<string, string>> = {
  SHOP_FACTS,
  PRODUCT_VARIANTS_PAGE,
  PRODUCT_VARIANTS_PAGE_WITH_LEVELS,
  PRODUCT_VARIANTS_BY_IDS,
  PRODUCT_VARIANTS_BY_IDS_WITH_LEVELS,
  VARIANTS_BY_INVENTORY_ITEM_IDS,
  LOCATIONS_PAGE,
  PRODUCT_VARIANTS_COUNT,
  INVENTORY_LEVELS_BY_ITEM_IDS,
  INVENTORY_ITEM_LEVELS_PAGE,
  INVENTORY_SET_QUANTITIES,
  INVENTORY_ADJUST_QUANTITIES,
};
