import { activePrice, type SimCatalog, type SimProduct, type SimVariation } from './woocommerce-sim-catalog.ts';

/**
 * The simulator's JSON, field for field in the shape of the WooCommerce v3 docs examples
 * (test/fixtures/woocommerce). The site's timezone is UTC, so local and `_gmt` dates agree.
 */
export interface PayloadContext {
  /** `http://127.0.0.1:port` of the simulator, for permalinks and `_links`. */
  readonly origin: string;
}

const API = '/wp-json/wc/v3';

export function productPayload(product: SimProduct, ctx: PayloadContext): Record<string, unknown> {
  const price = product.type === 'variable' ? '' : activePrice(product);
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    permalink: `${ctx.origin}/product/${product.slug}/`,
    ...dates(product),
    type: product.type,
    status: product.status,
    featured: false,
    catalog_visibility: 'visible',
    description: `<p>${product.name}</p>\n`,
    short_description: '',
    sku: product.sku,
    price,
    regular_price: product.regularPrice,
    sale_price: product.salePrice,
    ...saleDates(),
    price_html: price ? `<span class="woocommerce-Price-amount amount">${price}</span>` : '',
    on_sale: product.salePrice !== '',
    purchasable: price !== '' && product.status === 'publish',
    total_sales: 0,
    virtual: false,
    downloadable: false,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    external_url: product.type === 'external' ? 'https://example.com/elsewhere' : '',
    button_text: product.type === 'external' ? 'Buy elsewhere' : '',
    tax_status: 'taxable',
    tax_class: '',
    ...stock(product),
    sold_individually: false,
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shipping_required: true,
    shipping_taxable: true,
    shipping_class: '',
    shipping_class_id: 0,
    reviews_allowed: true,
    average_rating: '0.00',
    rating_count: 0,
    related_ids: [],
    upsell_ids: [],
    cross_sell_ids: [],
    parent_id: 0,
    purchase_note: '',
    categories: [{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }],
    tags: [],
    images: [],
    attributes: product.attributes.map((attribute, position) => ({
      id: attribute.id,
      name: attribute.name,
      position,
      visible: true,
      variation: true,
      options: [...attribute.options],
    })),
    default_attributes: [],
    variations: [...product.variationIds],
    grouped_products: [],
    menu_order: 0,
    meta_data: [],
    global_unique_id: product.globalUniqueId,
    _links: {
      self: [{ href: `${ctx.origin}${API}/products/${String(product.id)}` }],
      collection: [{ href: `${ctx.origin}${API}/products` }],
    },
  };
}

/** A variation as `/products/{id}/variations` answers it (the docs example: no name, no type). */
export function variationPayload(variation: SimVariation, ctx: PayloadContext): Record<string, unknown> {
  const base = `${ctx.origin}${API}/products/${String(variation.parentId)}`;
  return {
    id: variation.id,
    ...dates(variation),
    description: '',
    permalink: `${ctx.origin}/?p=${String(variation.id)}`,
    sku: variation.sku,
    price: activePrice(variation),
    regular_price: variation.regularPrice,
    sale_price: variation.salePrice,
    ...saleDates(),
    on_sale: variation.salePrice !== '',
    status: variation.status,
    purchasable: true,
    virtual: false,
    downloadable: false,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    tax_status: 'taxable',
    tax_class: '',
    ...(variation.stockFromParent ? { ...stock(variation.stockFromParent), manage_stock: 'parent' } : stock(variation)),
    weight: '',
    dimensions: { length: '', width: '', height: '' },
    shipping_class: '',
    shipping_class_id: 0,
    image: null,
    attributes: variation.attributes.map((attribute) => ({ ...attribute })),
    menu_order: 0,
    meta_data: [],
    global_unique_id: variation.globalUniqueId,
    _links: {
      self: [{ href: `${base}/variations/${String(variation.id)}` }],
      collection: [{ href: `${base}/variations` }],
      up: [{ href: base }],
    },
  };
}

/**
 * A variation as `/products?sku=` answers it: with a `sku` filter WooCommerce also queries the
 * product_variation post type and renders matches with the product schema (`type: "variation"`,
 * `parent_id`, the generated title "Parent - Option, Option").
 */
export function variationAsProductPayload(variation: SimVariation, catalog: SimCatalog, ctx: PayloadContext): Record<string, unknown> {
  const parent = catalog.products.get(variation.parentId);
  const parentName = parent?.name ?? '';
  const title = `${parentName} - ${variation.attributes.map((attribute) => attribute.option).join(', ')}`;
  const price = activePrice(variation);
  return {
    ...productPayload(
      {
        ...(parent as SimProduct),
        id: variation.id,
        name: title,
        status: variation.status,
        sku: variation.sku,
        regularPrice: variation.regularPrice,
        salePrice: variation.salePrice,
        manageStock: variation.manageStock,
        stockQuantity: variation.stockQuantity,
        dateModifiedGmt: variation.dateModifiedGmt,
        attributes: [],
        variationIds: [],
        globalUniqueId: variation.globalUniqueId,
      },
      ctx,
    ),
    type: 'variation',
    price,
    parent_id: variation.parentId,
    attributes: variation.attributes.map((attribute) => ({ ...attribute })),
  };
}

/** WordPress's `_fields`: keep only the named top-level fields. */
export function pickFields(payload: Record<string, unknown>, fields: readonly string[] | null): Record<string, unknown> {
  if (!fields) return payload;
  return Object.fromEntries(fields.filter((field) => field in payload).map((field) => [field, payload[field]]));
}

function dates(item: { readonly dateCreatedGmt: string; readonly dateModifiedGmt: string }): Record<string, string> {
  const created = wooDate(item.dateCreatedGmt);
  const modified = wooDate(item.dateModifiedGmt);
  return { date_created: created, date_created_gmt: created, date_modified: modified, date_modified_gmt: modified };
}

function saleDates(): Record<string, null> {
  return { date_on_sale_from: null, date_on_sale_from_gmt: null, date_on_sale_to: null, date_on_sale_to_gmt: null };
}

function stock(item: { readonly manageStock: boolean; readonly stockQuantity: number | null }): Record<string, unknown> {
  const quantity = item.manageStock ? item.stockQuantity : null;
  return {
    manage_stock: item.manageStock,
    stock_quantity: quantity,
    stock_status: quantity !== null && quantity <= 0 ? 'outofstock' : 'instock',
    backorders: 'no',
    backorders_allowed: false,
    backordered: false,
  };
}

/** WooCommerce dates: `2017-03-23T20:01:14`, no zone, no fraction. */
export function wooDate(iso: string): string {
  return iso.replace(/(\.\d+)?Z$/, '');
}
