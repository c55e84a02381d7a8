import { DEMO_SIZES, demoBarcode, demoPriceCents, demoStock, demoTimestamp, demoTitle, sharedDemoSkus } from '../demo-catalog.ts';
import { SeededRandom } from '../seeded-random.ts';

/** One catalog row of the simulated store (what Magento keeps in catalog_product_entity + EAV). */
export interface SimProduct {
  readonly id: number;
  readonly sku: string;
  name: string;
  readonly typeId: 'simple' | 'virtual' | 'configurable';
  /** Price as Magento's JSON number (absent on configurable parents). */
  readonly price: number | undefined;
  status: 1 | 2;
  /** 1 not visible individually (configurable children), 4 catalog & search. */
  readonly visibility: 1 | 4;
  readonly createdAt: string;
  updatedAt: string;
  /** Decimal custom attribute as Magento returns it ("12.500000"), or null. */
  readonly cost: string | null;
  readonly ean: string | null;
  readonly manageStock: boolean;
  /** Legacy stock (used as the product's only stock when MSI is off). */
  legacyQty: number;
  readonly childIds: number[];
}

export interface SimSource {
  readonly source_code: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly country_id: string;
  readonly postcode: string;
}

export interface SimSourceItem {
  readonly sku: string;
  readonly source_code: string;
  quantity: number;
  status: 0 | 1;
}

export const DEFAULT_SOURCE_CODE = 'default';

/**
 * The seeded demo store: every shared demo SKU, a few hundred more simple products, configurable
 * parents whose children are simple products, virtual products, disabled products, unicode names,
 * prices with cents (and a few with 3–4 decimals, which Magento's decimal(20,6) allows), and
 * per-source MSI quantities at three sources.
 */
export class MagentoSimCatalog {
  readonly products: SimProduct[] = [];
  readonly sources: SimSource[] = [
    { source_code: DEFAULT_SOURCE_CODE, name: 'Default Source', enabled: true, country_id: 'US', postcode: '00000' },
    { source_code: 'warehouse-east', name: 'East Warehouse (Newark)', enabled: true, country_id: 'US', postcode: '07102' },
    { source_code: 'warehouse-west', name: 'West Warehouse — Reno', enabled: true, country_id: 'US', postcode: '89501' },
  ];
  /** Keyed by `${lowercased sku}\u0000${source_code}`. */
  readonly sourceItems = new Map<string, SimSourceItem>();
  private readonly bySkuKey = new Map<string, SimProduct>();
  private readonly byId = new Map<number, SimProduct>();

  constructor(seed: number) {
    const random = new SeededRandom(seed);
    const shared = sharedDemoSkus();
    let index = 0;
    for (const sku of shared) this.addSellable(random, sku, index++, 'simple');
    for (let i = 0; i < 200; i++) this.addSellable(random, `MG-${String(5000 + i)}`, index++, i % 40 === 13 ? 'virtual' : 'simple');
    for (let p = 0; p < 16; p++) {
      const parentTitle = demoTitle(random, index++);
      const parent = this.add({
        sku: `MG-CFG-${String(100 + p)}`, name: parentTitle, typeId: 'configurable', price: undefined, status: 1, visibility: 4,
        createdAt: magentoTime(demoTimestamp(random)), cost: null, ean: null, manageStock: true, legacyQty: 0,
      });
      for (const size of DEMO_SIZES) {
        const child = this.addSellable(random, `${parent.sku}-${size}`, index++, 'simple', `${parentTitle} ${size}`, 1);
        parent.childIds.push(child.id);
      }
    }
  }

  findBySku(sku: string): SimProduct | undefined {
    return this.bySkuKey.get(sku.toLowerCase());
  }

  findById(id: number): SimProduct | undefined {
    return this.byId.get(id);
  }

  sourceItemsOf(sku: string): SimSourceItem[] {
    return [...this.sourceItems.values()].filter((item) => item.sku.toLowerCase() === sku.toLowerCase());
  }

  sourceItem(sku: string, sourceCode: string): SimSourceItem | undefined {
    return this.sourceItems.get(sourceItemKey(sku, sourceCode));
  }

  /** Saves a source item (MSI upsert by sku + source_code) and mirrors the default source into legacy stock. */
  saveSourceItem(item: SimSourceItem): void {
    const product = this.findBySku(item.sku);
    const sku = product?.sku ?? item.sku;
    this.sourceItems.set(sourceItemKey(sku, item.source_code), { ...item, sku });
    if (product && item.source_code === DEFAULT_SOURCE_CODE) product.legacyQty = item.quantity;
  }

  private addSellable(random: SeededRandom, sku: string, index: number, typeId: 'simple' | 'virtual', name?: string, visibility: 1 | 4 = 4): SimProduct {
    const cents = demoPriceCents(random);
    // Every 25th price carries sub-cent precision (as imported catalogs often do).
    const price = index % 25 === 11 ? Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}${random.int(1, 9)}${random.int(1, 9)}`) : cents / 100;
    const costCents = Math.floor(cents * 0.55);
    const product = this.add({
      sku,
      name: name ?? demoTitle(random, index),
      typeId,
      price,
      status: index % 17 === 5 ? 2 : 1,
      visibility,
      createdAt: magentoTime(demoTimestamp(random)),
      cost: index % 9 === 4 ? null : `${Math.floor(costCents / 100)}.${String(costCents % 100).padStart(2, '0')}0000`,
      ean: index % 7 === 3 ? null : demoBarcode(random),
      manageStock: !(typeId === 'virtual' || index % 31 === 17),
      legacyQty: 0,
    });
    const defaultQty = demoStock(random);
    this.saveSourceItem({ sku, source_code: DEFAULT_SOURCE_CODE, quantity: defaultQty, status: defaultQty > 0 ? 1 : 0 });
    for (const source of this.sources.slice(1)) {
      if (random.chance(0.6)) {
        const quantity = demoStock(random);
        this.saveSourceItem({ sku, source_code: source.source_code, quantity, status: quantity > 0 ? 1 : 0 });
      }
    }
    return product;
  }

  private add(fields: Omit<SimProduct, 'id' | 'updatedAt' | 'childIds'>): SimProduct {
    const product: SimProduct = { ...fields, id: this.products.length + 1, updatedAt: fields.createdAt, childIds: [] };
    this.products.push(product);
    this.bySkuKey.set(product.sku.toLowerCase(), product);
    this.byId.set(product.id, product);
    return product;
  }
}

/** Magento SKUs are unique case-insensitively (MySQL's default collation). */
export function sourceItemKey(sku: string, sourceCode: string): string {
  return `${sku.toLowerCase()}\u0000${sourceCode}`;
}

/** ISO "2026-05-01T12:00:00Z" → Magento's UTC "2026-05-01 12:00:00". */
export function magentoTime(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}
