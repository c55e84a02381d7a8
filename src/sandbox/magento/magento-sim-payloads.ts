import type { SimProduct, SimSource, SimSourceItem } from './magento-sim-catalog.ts';

/** The JSON Magento answers for a product (shape of catalog-data-product-interface; see the docs product example). */
export function productPayload(product: SimProduct): Record<string, unknown> {
  const customAttributes: Array<{ attribute_code: string; value: unknown }> = [
    { attribute_code: 'url_key', value: product.sku.toLowerCase() },
    { attribute_code: 'tax_class_id', value: '2' },
    { attribute_code: 'required_options', value: '0' },
    { attribute_code: 'has_options', value: product.typeId === 'configurable' ? '1' : '0' },
  ];
  if (product.cost !== null) customAttributes.push({ attribute_code: 'cost', value: product.cost });
  if (product.ean !== null) customAttributes.push({ attribute_code: 'ean', value: product.ean });
  const extension: Record<string, unknown> = { website_ids: [1], category_links: [], stock_item: stockItemPayload(product) };
  if (product.typeId === 'configurable') {
    extension.configurable_product_options = [
      { id: product.id, attribute_id: '144', label: 'Size', position: 0, values: [{ value_index: 167 }, { value_index: 168 }, { value_index: 169 }, { value_index: 170 }], product_id: product.id },
    ];
    extension.configurable_product_links = [...product.childIds];
  }
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    attribute_set_id: product.typeId === 'virtual' ? 4 : 9,
    ...(product.price !== undefined ? { price: product.price } : {}),
    status: product.status,
    visibility: product.visibility,
    type_id: product.typeId,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    ...(product.typeId === 'simple' ? { weight: 0.5 } : {}),
    extension_attributes: extension,
    product_links: [],
    options: [],
    media_gallery_entries: [],
    tier_prices: [],
    custom_attributes: customAttributes,
  };
}

/** Legacy stock item (cataloginventory_stock_item), as in `extension_attributes.stock_item`. */
export function stockItemPayload(product: SimProduct): Record<string, unknown> {
  return {
    item_id: product.id,
    product_id: product.id,
    stock_id: 1,
    qty: product.typeId === 'configurable' ? 0 : product.legacyQty,
    is_in_stock: product.typeId === 'configurable' ? true : product.legacyQty > 0 || !product.manageStock,
    is_qty_decimal: false,
    show_default_notification_message: false,
    use_config_min_qty: true,
    min_qty: 0,
    use_config_min_sale_qty: 1,
    min_sale_qty: 1,
    use_config_max_sale_qty: true,
    max_sale_qty: 10000,
    use_config_backorders: true,
    backorders: 0,
    use_config_notify_stock_qty: true,
    notify_stock_qty: 1,
    use_config_qty_increments: true,
    qty_increments: 0,
    use_config_enable_qty_inc: true,
    enable_qty_increments: false,
    use_config_manage_stock: product.manageStock,
    manage_stock: product.manageStock,
    low_stock_date: null,
    is_decimal_divided: false,
    stock_status_changed_auto: 0,
  };
}

export function sourceItemPayload(item: SimSourceItem): Record<string, unknown> {
  return { sku: item.sku, source_code: item.source_code, quantity: item.quantity, status: item.status };
}

export function sourcePayload(source: SimSource): Record<string, unknown> {
  return { ...source, description: source.name, latitude: 0, longitude: 0, use_default_carrier_config: true, carrier_links: [] };
}
