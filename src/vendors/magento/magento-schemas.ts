import { z } from 'zod';

/**
 * Raw Magento payloads, as the 2.4.9 admin OpenAPI (catalog-data-product-interface,
 * inventory-api-data-source-item-interface, ...) and the docs examples show them. Only the
 * fields the gateway reads are declared; everything else passes through untouched.
 */

/** Legacy (single-source) stock item: `extension_attributes.stock_item`, GET /V1/stockItems/{sku}. */
export const magentoStockItemSchema = z.looseObject({
  item_id: z.number().int(),
  product_id: z.number().int().optional(),
  stock_id: z.number().int().optional(),
  qty: z.number().nullable(),
  is_in_stock: z.boolean(),
  manage_stock: z.boolean().optional(),
  use_config_manage_stock: z.boolean().optional(),
});
export type MagentoStockItem = z.infer<typeof magentoStockItemSchema>;

export const magentoCustomAttributeSchema = z.looseObject({
  attribute_code: z.string(),
  value: z.unknown(),
});

export const magentoProductSchema = z.looseObject({
  id: z.number().int(),
  sku: z.string(),
  name: z.string().optional(),
  attribute_set_id: z.number().int().optional(),
  /** Absent on some configurable parents. */
  price: z.number().optional(),
  /** 1 enabled, 2 disabled. */
  status: z.number().int().optional(),
  visibility: z.number().int().optional(),
  type_id: z.string(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  extension_attributes: z
    .looseObject({
      stock_item: magentoStockItemSchema.optional(),
      configurable_product_links: z.array(z.number().int()).optional(),
    })
    .optional(),
  custom_attributes: z.array(magentoCustomAttributeSchema).optional(),
});
export type MagentoProduct = z.infer<typeof magentoProductSchema>;

/** Every `…SearchResultsInterface`: items are validated one by one by the caller (a bad item fails only itself). */
export const magentoSearchResultsSchema = z.looseObject({
  items: z.array(z.unknown()),
  search_criteria: z.unknown(),
  total_count: z.number().int().min(0),
});

export const magentoSourceItemSchema = z.looseObject({
  sku: z.string(),
  source_code: z.string(),
  quantity: z.number(),
  /** 1 in stock, 0 out of stock. */
  status: z.number().int(),
});
export type MagentoSourceItem = z.infer<typeof magentoSourceItemSchema>;

export const magentoSourceSchema = z.looseObject({
  source_code: z.string(),
  name: z.string(),
  enabled: z.boolean().optional(),
});
export type MagentoSource = z.infer<typeof magentoSourceSchema>;

/** POST /V1/integration/admin/token answers a bare JSON string. */
export const magentoTokenSchema = z.string().min(1);
