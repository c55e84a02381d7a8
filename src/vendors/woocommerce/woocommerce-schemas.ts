import { z } from 'zod';

/**
 * Raw WooCommerce REST API v3 payloads, only the fields the gateway reads (zod strips the rest).
 * Field names and types follow the v3 docs examples (test/fixtures/woocommerce): money is a
 * decimal string, "" when unset; dates are site-local and `_gmt` variants without a zone.
 */

/** "21.99", "9.00", "" (unset); WooCommerce stores what the shop entered, so any number of decimals. */
const wooMoney = z.string().regex(/^(-?\d+(\.\d+)?)?$/, 'is not a decimal string');

/** `YYYY-MM-DDTHH:MM:SS`, no zone; the `_gmt` fields are UTC. */
const wooDate = z.string().nullable().optional();

export const wooProductStatusSchema = z.enum(['publish', 'draft', 'pending', 'private', 'future', 'trash']);
export type WooProductStatus = z.infer<typeof wooProductStatusSchema>;

/** A variation's own attribute value (`{ id, name, option }`). */
const variationAttributeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  option: z.string(),
});

/** A product's attribute definition (`{ id, name, options[] }`); variations carry `option` instead. */
const productAttributeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  options: z.array(z.string()).optional(),
  option: z.string().optional(),
});

export const wooProductSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  /** `variation` appears when a `sku` filter matched a variation (the endpoint then also queries product_variation). */
  type: z.string(),
  status: wooProductStatusSchema,
  sku: z.string(),
  price: wooMoney,
  regular_price: wooMoney,
  sale_price: wooMoney,
  manage_stock: z.union([z.boolean(), z.literal('parent')]),
  stock_quantity: z.number().nullable(),
  stock_status: z.string(),
  date_modified_gmt: wooDate,
  parent_id: z.number().int().default(0),
  variations: z.array(z.number().int()).default([]),
  attributes: z.array(productAttributeSchema).default([]),
  /** GTIN/UPC/EAN/ISBN, WooCommerce 9.2+; absent on older sites. */
  global_unique_id: z.string().optional(),
});
export type WooProduct = z.infer<typeof wooProductSchema>;

/** A variation as `/products/{id}/variations` returns it (the docs example has no `name`). */
export const wooVariationSchema = z.object({
  id: z.number().int().positive(),
  sku: z.string(),
  status: wooProductStatusSchema,
  price: wooMoney,
  regular_price: wooMoney,
  sale_price: wooMoney,
  /** `parent` means the variation sells from the parent product's stock. */
  manage_stock: z.union([z.boolean(), z.literal('parent')]),
  stock_quantity: z.number().nullable(),
  stock_status: z.string(),
  date_modified_gmt: wooDate,
  attributes: z.array(variationAttributeSchema).default([]),
  global_unique_id: z.string().optional(),
});
export type WooVariation = z.infer<typeof wooVariationSchema>;

/**
 * WordPress's `_fields` for product and variation reads: exactly the fields the schemas above read.
 * A catalog page of 100 products is about a fifth of its full size then (demo shop: 179 KB → ~35 KB),
 * which the shop renders, the network carries and the gateway parses and collects; the schema still
 * checks every field it reads, so a payload without one is still a VALIDATION failure naming it.
 */
export const WOO_PRODUCT_FIELDS = Object.keys(wooProductSchema.shape).join(',');
export const WOO_VARIATION_FIELDS = Object.keys(wooVariationSchema.shape).join(',');

export const wooProductListSchema = z.array(wooProductSchema);
export const wooVariationListSchema = z.array(wooVariationSchema);

/** The parent fields a variation's mapping needs (fetched with `_fields` to keep payloads small). */
export const wooParentSummarySchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  status: wooProductStatusSchema,
});
export type WooParentSummary = z.infer<typeof wooParentSummarySchema>;

/** `{ code, message, data: { status } }`: every WP REST / WooCommerce error body. */
export const wooErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z.object({ status: z.number().optional() }).passthrough().nullable().optional(),
});

/** What the stock writer reads and what a write answers: id and stock of one product or variation. */
export const wooStockSchema = z.object({
  id: z.number().int().positive(),
  /** Present when asked for (`_fields`): the stock read checks that a product ID names a simple product. */
  type: z.string().optional(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]),
  stock_quantity: z.number().nullable(),
  date_modified_gmt: wooDate,
});
export type WooStock = z.infer<typeof wooStockSchema>;

/** One entry of a batch `update` answer: the updated object, or `{ id, error }`. */
export const wooBatchItemSchema = z.union([
  z.object({ id: z.number().int(), error: wooErrorSchema }),
  wooStockSchema,
]);
export const wooBatchResponseSchema = z.object({
  update: z.array(wooBatchItemSchema).default([]),
});
