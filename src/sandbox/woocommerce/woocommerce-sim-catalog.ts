import {
  DEMO_COLORS,
  DEMO_SIZES,
  centsToDecimal,
  demoBarcode,
  demoPriceCents,
  demoStock,
  demoTimestamp,
  demoTitle,
  sharedDemoSkus,
} from '../demo-catalog.ts';
import { SeededRandom } from '../seeded-random.ts';

export type SimStatus = 'publish' | 'draft' | 'pending' | 'private' | 'trash';
export type SimType = 'simple' | 'variable' | 'grouped' | 'external';

export interface SimAttribute {
  readonly id: number;
  readonly name: string;
  readonly options: readonly string[];
}

/** A product post as the simulator stores it (WooCommerce keeps one stock quantity per item). */
export interface SimProduct {
  readonly id: number;
  name: string;
  readonly slug: string;
  readonly type: SimType;
  status: SimStatus;
  sku: string;
  regularPrice: string;
  salePrice: string;
  manageStock: boolean;
  stockQuantity: number | null;
  readonly dateCreatedGmt: string;
  dateModifiedGmt: string;
  readonly attributes: readonly SimAttribute[];
  readonly variationIds: number[];
  readonly globalUniqueId: string;
}

export interface SimVariation {
  readonly id: number;
  readonly parentId: number;
  sku: string;
  status: 'publish' | 'private';
  regularPrice: string;
  salePrice: string;
  manageStock: boolean;
  stockQuantity: number | null;
  /**
   * Set when the variation sells from its parent's stock (WooCommerce's `manage_stock: "parent"`):
   * it then shows the parent's quantity. The demo catalog has none; tests set it.
   */
  stockFromParent?: SimProduct;
  readonly dateCreatedGmt: string;
  dateModifiedGmt: string;
  readonly attributes: ReadonlyArray<{ readonly id: number; readonly name: string; readonly option: string }>;
  readonly globalUniqueId: string;
}

/** The simulated shop: products and variations share WordPress's post id space, as they do in WordPress. */
export interface SimCatalog {
  readonly products: Map<number, SimProduct>;
  readonly variations: Map<number, SimVariation>;
}

export interface CatalogOptions {
  readonly seed?: number;
  /** Parent products (simple, variable, a few grouped/external). */
  readonly productCount?: number;
}

const FIRST_POST_ID = 10;
const COLOR_ATTRIBUTE = 1;
const SIZE_ATTRIBUTE = 2;

/**
 * A deterministic demo shop: about 70% simple products, the rest variable with 2-9 variations
 * (the sellable SKUs), a few grouped/external products (not sellable), drafts/pending/private
 * and trashed parents, ~10% without stock management, a few empty SKUs, unicode names, sale
 * prices and some prices with more than two decimals. Every shared demo SKU is carried by a
 * published, stock-managed simple product or variation.
 */
export function buildWooCatalog(options: CatalogOptions = {}): SimCatalog {
  const random = new SeededRandom(options.seed ?? 7);
  const count = options.productCount ?? 260;
  const shared = sharedDemoSkus();
  const catalog: SimCatalog = { products: new Map(), variations: new Map() };
  let nextId = FIRST_POST_ID;
  const takeSku = (id: number, publishable: boolean): string => {
    if (publishable && shared.length > 0) return shared.shift() ?? '';
    return random.chance(0.05) ? '' : `WC-${String(id)}`;
  };

  for (let index = 0; index < count; index += 1) {
    const id = nextId++;
    const type: SimType = index % 87 === 43 ? 'grouped' : index % 87 === 60 ? 'external' : random.chance(0.3) ? 'variable' : 'simple';
    const status = pickStatus(random, index);
    const manageStock = type !== 'grouped' && type !== 'external' && !random.chance(0.1);
    const created = demoTimestamp(random);
    const name = demoTitle(random, index);
    const publishable = status === 'publish' && manageStock;
    const attributes = type === 'variable' ? variationAttributes(random) : [];
    const product: SimProduct = {
      id,
      name,
      slug: `${slugify(name)}-${String(id)}`,
      type,
      status,
      sku: type === 'simple' ? takeSku(id, publishable) : type === 'variable' ? `WC-${String(id)}-P` : '',
      regularPrice: type === 'simple' || type === 'external' ? demoPrice(random) : '',
      salePrice: '',
      manageStock: type === 'simple' ? manageStock : false,
      stockQuantity: null,
      dateCreatedGmt: created,
      dateModifiedGmt: created,
      attributes,
      variationIds: [],
      globalUniqueId: type === 'simple' ? demoBarcode(random) : '',
    };
    if (product.manageStock) product.stockQuantity = demoStock(random);
    if (product.regularPrice && random.chance(0.15)) product.salePrice = salePrice(product.regularPrice);
    catalog.products.set(id, product);

    if (type !== 'variable') continue;
    for (const combination of combinations(attributes)) {
      const variationId = nextId++;
      const variationManaged = manageStock && !random.chance(0.05);
      const variation: SimVariation = {
        id: variationId,
        parentId: id,
        sku: takeSku(variationId, status === 'publish' && variationManaged),
        status: 'publish',
        regularPrice: demoPrice(random),
        salePrice: '',
        manageStock: variationManaged,
        stockQuantity: variationManaged ? demoStock(random) : null,
        dateCreatedGmt: created,
        dateModifiedGmt: created,
        attributes: combination,
        globalUniqueId: demoBarcode(random),
      };
      if (random.chance(0.1)) variation.salePrice = salePrice(variation.regularPrice);
      catalog.variations.set(variationId, variation);
      product.variationIds.push(variationId);
    }
  }
  if (shared.length > 0) throw new Error(`demo catalog too small for the shared SKUs (${String(shared.length)} left)`);
  return catalog;
}

/** The price WooCommerce reports as `price`: the sale price when set, else the regular one. */
export function activePrice(item: { readonly regularPrice: string; readonly salePrice: string }): string {
  return item.salePrice || item.regularPrice;
}

function pickStatus(random: SeededRandom, index: number): SimStatus {
  if (index < 30) return 'publish'; // the first page is always a useful demo
  const roll = random.next();
  if (roll < 0.08) return 'draft';
  if (roll < 0.11) return 'pending';
  if (roll < 0.13) return 'private';
  if (roll < 0.15) return 'trash';
  return 'publish';
}

function demoPrice(random: SeededRandom): string {
  // Some shops enter more than two decimals; WooCommerce stores and returns them as typed.
  if (random.chance(0.04)) return `${String(random.int(1, 99))}.${String(random.int(100, 9999))}`;
  return centsToDecimal(demoPriceCents(random));
}

function salePrice(regular: string): string {
  const cents = Math.round(Number(regular) * 100);
  return centsToDecimal(Math.max(1, Math.floor((cents * 8) / 10)));
}

function variationAttributes(random: SeededRandom): SimAttribute[] {
  const colors = DEMO_COLORS.slice(random.int(0, 2)).slice(0, random.int(2, 3));
  if (random.chance(0.3)) return [{ id: COLOR_ATTRIBUTE, name: 'Color', options: colors }];
  const sizes = DEMO_SIZES.slice(random.int(0, 2)).slice(0, random.int(1, 3));
  return [
    { id: COLOR_ATTRIBUTE, name: 'Color', options: colors },
    { id: SIZE_ATTRIBUTE, name: 'Size', options: sizes },
  ];
}

function combinations(attributes: readonly SimAttribute[]): Array<Array<{ id: number; name: string; option: string }>> {
  let result: Array<Array<{ id: number; name: string; option: string }>> = [[]];
  for (const attribute of attributes) {
    result = result.flatMap((prefix) => attribute.options.map((option) => [...prefix, { id: attribute.id, name: attribute.name, option }]));
  }
  return result;
}

function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'product'
  );
}
