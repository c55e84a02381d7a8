import { z } from 'zod';
import { ProductStatus } from '../../../model/standard-model.ts';
import { jsonPathSchema, required } from './custom-config-fields.ts';
import { taggedUnion } from './tagged-union.ts';

const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like "EUR"');

/** The currency of price and cost: a field of the item, or one fixed code for the whole vendor. */
const currencySchema = z.union([
  z.object({ path: jsonPathSchema }).strict(),
  z.object({ fixed: currencyCodeSchema }).strict(),
], { error: 'give { path: "pricing.currency" } or { fixed: "EUR" }' });

const statusSchema = z
  .object({
    path: required(jsonPathSchema, 'the dot path of the status, e.g. "status"'),
    /** Vendor status value → standard status, e.g. `{ live: ACTIVE, hidden: DRAFT, retired: ARCHIVED }`. */
    map: required(
      z.record(z.string(), z.enum(Object.values(ProductStatus) as [ProductStatus, ...ProductStatus[]], {
        error: 'must be ACTIVE, DRAFT or ARCHIVED',
      })),
      'the vendor values and their standard status, e.g. { live: ACTIVE, draft: DRAFT, retired: ARCHIVED }',
    ),
    /** For a value not in `map`; without it such an item fails to map (so a new vendor status is noticed). */
    default: z.enum(Object.values(ProductStatus) as [ProductStatus, ...ProductStatus[]]).optional(),
  })
  .strict();

export const INVENTORY_KINDS = ['locations', 'quantity'] as const;

/** Stock inside the item: an array of per-location entries, or one quantity at a fixed location. */
const inventorySchema = taggedUnion(
  'kind',
  INVENTORY_KINDS,
  [
    z
      .object({
        kind: z.literal('locations'),
        path: required(jsonPathSchema, 'the dot path of the per-location array, e.g. "stock"'),
        locationId: required(jsonPathSchema, 'the dot path of the location id inside an entry, e.g. "warehouse.code"'),
        locationName: jsonPathSchema.optional(),
        available: required(jsonPathSchema, 'the dot path of the available quantity inside an entry, e.g. "available"'),
        onHand: jsonPathSchema.optional(),
        updatedAt: jsonPathSchema.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('quantity'),
        path: required(jsonPathSchema, 'the dot path of the quantity, e.g. "stock_qty"'),
        locationId: required(z.string().min(1), 'the fixed id of the one location, e.g. "main"'),
        locationName: required(z.string().min(1), 'the fixed name of the one location, e.g. "Main warehouse"'),
      })
      .strict(),
  ],
  'inventory kind',
);

/** How money amounts are written: decimal ("12.50" or 12.5) or integer minor units (1250). */
export const AMOUNT_FORMATS = ['decimal', 'minorUnits'] as const;

export const customFieldsSchema = z
  .object({
    id: required(jsonPathSchema, 'the dot path of the item id, e.g. "id"'),
    name: required(jsonPathSchema, 'the dot path of the display name, e.g. "title"'),
    price: required(jsonPathSchema, 'the dot path of the price, e.g. "pricing.amount"'),
    currency: required(currencySchema, '{ path: "pricing.currency" } or { fixed: "EUR" }'),
    amountFormat: z.enum(AMOUNT_FORMATS, { error: 'use decimal or minorUnits' }).default('decimal'),
    /** Digits after the decimal point for `minorUnits` (2 for cents). */
    minorUnitDigits: z.number().int().min(0).max(6).default(2),
    sku: jsonPathSchema.optional(),
    parentId: jsonPathSchema.optional(),
    cost: jsonPathSchema.optional(),
    barcode: jsonPathSchema.optional(),
    /** A dot path to a boolean, or a fixed boolean; absent means tracked. */
    tracked: z.union([z.boolean(), jsonPathSchema]).optional(),
    updatedAt: jsonPathSchema.optional(),
    /** Absent means every item is ACTIVE. */
    status: statusSchema.optional(),
    inventory: inventorySchema.optional(),
  })
  .strict();

export type CustomFields = z.infer<typeof customFieldsSchema>;
export type InventoryFields = NonNullable<CustomFields['inventory']>;
