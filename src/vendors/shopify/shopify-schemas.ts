import { z } from 'zod';

/**
 * zod schemas of the raw Admin API payloads (`data` of each document in shopify-documents.ts).
 * Only what the mapper reads is checked; unknown fields pass through untouched.
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');
const gid = z.string().min(1);

export const moneyV2Schema = z.object({ amount: decimal, currencyCode: z.string().min(3) });

export const inventoryQuantitySchema = z.object({ name: z.string(), quantity: z.number().int() });

export const inventoryLevelNodeSchema = z.object({
  id: gid,
  updatedAt: z.string().nullish(),
  location: z.object({ id: gid, name: z.string() }),
  quantities: z.array(inventoryQuantitySchema),
});
export type ShopifyLevelNode = z.infer<typeof inventoryLevelNodeSchema>;

const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });

export const inventoryLevelConnectionSchema = z.object({
  pageInfo: pageInfoSchema,
  nodes: z.array(inventoryLevelNodeSchema),
});

export const productVariantNodeSchema = z.object({
  id: gid,
  title: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullish(),
  price: decimal,
  updatedAt: z.string().nullish(),
  product: z.object({ id: gid, title: z.string(), status: z.enum(['ACTIVE', 'DRAFT', 'ARCHIVED']) }),
  inventoryItem: z.object({
    id: gid,
    tracked: z.boolean(),
    unitCost: moneyV2Schema.nullish(),
    inventoryLevels: inventoryLevelConnectionSchema.optional(),
  }),
});
export type ShopifyVariantNode = z.infer<typeof productVariantNodeSchema>;

/** A `nodes(ids:)` entry: null for an unknown id, `{}` for a node of another type. */
function nodeOrNull<T extends z.ZodType>(schema: T) {
  return z.union([z.null(), z.object({}).strict().transform(() => null), schema]);
}

export const shopFactsDataSchema = z.object({
  shop: z.object({ currencyCode: z.string().min(3) }),
  // Nullable in the schema (`Count`), and left out by some implementations: both mean "unknown".
  locationsCount: z.object({ count: z.number().int().min(0) }).nullish(),
});

export const variantsPageDataSchema = z.object({
  productVariants: z.object({ pageInfo: pageInfoSchema, nodes: z.array(productVariantNodeSchema) }),
});

export const variantsByIdsDataSchema = z.object({ nodes: z.array(nodeOrNull(productVariantNodeSchema)) });

/** `InventoryItem.variant` is non-null in the schema; an item of a deleted variant is not found. */
export const variantsByItemIdsDataSchema = z.object({
  nodes: z.array(nodeOrNull(z.object({ id: gid, variant: productVariantNodeSchema }))),
});

export const locationsPageDataSchema = z.object({
  locations: z.object({ pageInfo: pageInfoSchema, nodes: z.array(z.object({ id: gid, name: z.string(), isActive: z.boolean() })) }),
});

export type ShopifyLocationsPage = z.infer<typeof locationsPageDataSchema>;

export const variantsCountDataSchema = z.object({
  productVariantsCount: z.object({ count: z.number().int().min(0), precision: z.string() }).nullable(),
});

const itemLevelsSchema = z.object({ id: gid, inventoryLevels: inventoryLevelConnectionSchema });
export type ShopifyItemLevels = z.infer<typeof itemLevelsSchema>;

export const levelsByItemIdsDataSchema = z.object({ nodes: z.array(nodeOrNull(itemLevelsSchema)) });

export const itemLevelsPageDataSchema = z.object({ inventoryItem: itemLevelsSchema.nullable() });

const inventoryChangeSchema = z.object({
  name: z.string(),
  delta: z.number().int(),
  quantityAfterChange: z.number().int().nullish(),
  item: z.object({ id: gid }).nullish(),
  location: z.object({ id: gid, name: z.string() }).nullish(),
});
export type ShopifyInventoryChange = z.infer<typeof inventoryChangeSchema>;

const userErrorSchema = z.object({
  code: z.string().nullish(),
  field: z.array(z.string()).nullish(),
  message: z.string(),
});
export type ShopifyUserError = z.infer<typeof userErrorSchema>;

export const inventoryMutationPayloadSchema = z.object({
  inventoryAdjustmentGroup: z.object({ createdAt: z.string().nullish(), changes: z.array(inventoryChangeSchema) }).nullable(),
  userErrors: z.array(userErrorSchema),
});
export type ShopifyInventoryMutationPayload = z.infer<typeof inventoryMutationPayloadSchema>;

export const setQuantitiesDataSchema = z.object({ inventorySetQuantities: inventoryMutationPayloadSchema });
export const adjustQuantitiesDataSchema = z.object({ inventoryAdjustQuantities: inventoryMutationPayloadSchema });

/** `extensions.cost` as Shopify returns it on every answer. */
export const queryCostSchema = z.object({
  requestedQueryCost: z.number().nullish(),
  actualQueryCost: z.number().nullish(),
  throttleStatus: z.object({
    maximumAvailable: z.number(),
    currentlyAvailable: z.number(),
    restoreRate: z.number(),
  }),
});

export const graphqlEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).loose().optional() }).loose())
    .optional(),
  extensions: z.object({ cost: queryCostSchema.optional() }).loose().optional(),
});
