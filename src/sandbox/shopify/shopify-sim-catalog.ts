import {
  DEMO_COLORS,
  DEMO_EPOCH,
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

export type SimProductStatus = 'ACTIVE' | 'DRAFT' | 'ARCHIVED';

export interface SimLocation {
  readonly id: string;
  readonly name: string;
}

export interface SimProduct {
  readonly id: string;
  readonly title: string;
  readonly handle: string;
  readonly status: SimProductStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly variantIds: string[];
}

export interface SimVariant {
  readonly id: string;
  /** Numeric part of the GID: the sort key of productVariants (sortKey ID). */
  readonly numericId: number;
  readonly productId: string;
  readonly title: string;
  readonly sku: string | null;
  readonly barcode: string | null;
  readonly price: string;
  readonly position: number;
  readonly createdAt: string;
  updatedAt: string;
  readonly inventoryItemId: string;
}

/** Named quantities of one item at one location (Shopify's inventory states). */
export interface SimLevel {
  readonly id: string;
  readonly locationId: string;
  available: number;
  committed: number;
  reserved: number;
  incoming: number;
  updatedAt: string;
}

export interface SimInventoryItem {
  readonly id: string;
  readonly variantId: string;
  readonly tracked: boolean;
  readonly unitCost: string | null;
  readonly createdAt: string;
  /** Levels by location GID; an item is "stocked" only where it has a level. */
  readonly levels: Map<string, SimLevel>;
}

export interface ShopifyCatalogOptions {
  readonly seed?: number;
  readonly productCount?: number;
}

const LOCATION_NAMES = ['Main Street Store', 'Eastside Warehouse', 'Harbourfront Pop-up'];

/** on_hand = available + committed + reserved (the other unavailable states are 0 here). */
export function onHand(level: SimLevel): number {
  return level.available + level.committed + level.reserved;
}

export function quantityByName(level: SimLevel, name: string): number | undefined {
  switch (name) {
    case 'available':
      return level.available;
    case 'committed':
      return level.committed;
    case 'reserved':
      return level.reserved;
    case 'incoming':
      return level.incoming;
    case 'on_hand':
      return onHand(level);
    case 'damaged':
    case 'quality_control':
    case 'safety_stock':
      return 0;
    default:
      return undefined;
  }
}

/**
 * The simulated shop's deterministic demo data: ~500 products / ~2,000 variants over three
 * locations, with the cases a mapper must survive (untracked items, null SKUs, unicode titles,
 * DRAFT/ARCHIVED products, items not stocked everywhere). Stock lives here and the inventory
 * mutations change it.
 */
export class ShopifyCatalog {
  readonly locations: readonly SimLocation[];
  readonly products = new Map<string, SimProduct>();
  readonly variants = new Map<string, SimVariant>();
  readonly items = new Map<string, SimInventoryItem>();
  /** Variants ordered by numeric id (the default productVariants order). */
  readonly variantOrder: SimVariant[] = [];
  private levelSeq = 0;

  constructor(options: ShopifyCatalogOptions = {}) {
    const random = new SeededRandom(options.seed ?? 42);
    const productCount = options.productCount ?? 500;
    this.locations = LOCATION_NAMES.map((name, index) => ({ id: `gid://shopify/Location/${String(68_000_000 + index * 1_111)}`, name }));
    const shared = sharedDemoSkus();
    let variantNumber = 44_000_000_000;
    for (let p = 0; p < productCount; p++) {
      const productNumeric = 8_100_000_000 + p * 7;
      const title = demoTitle(random, p);
      const status: SimProductStatus = random.chance(0.08) ? 'DRAFT' : random.chance(0.04) ? 'ARCHIVED' : 'ACTIVE';
      const createdAt = demoTimestamp(random);
      const product: SimProduct = {
        id: `gid://shopify/Product/${String(productNumeric)}`,
        title,
        handle: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'product'}-${String(p)}`,
        status,
        createdAt,
        updatedAt: createdAt,
        variantIds: [],
      };
      this.products.set(product.id, product);
      for (const [position, variantTitle] of variantTitles(random, p).entries()) {
        variantNumber += random.int(1, 9);
        const index = this.variantOrder.length;
        const sku = index < shared.length ? (shared[index] ?? null) : random.chance(0.03) ? null : `SHP-${String(10_000 + index)}`;
        const variant: SimVariant = {
          id: `gid://shopify/ProductVariant/${String(variantNumber)}`,
          numericId: variantNumber,
          productId: product.id,
          title: variantTitle,
          sku,
          barcode: random.chance(0.8) ? demoBarcode(random) : null,
          price: centsToDecimal(demoPriceCents(random)),
          position: position + 1,
          createdAt,
          updatedAt: latest(createdAt, demoTimestamp(random)),
          inventoryItemId: `gid://shopify/InventoryItem/${String(variantNumber + 5_000_000_000)}`,
        };
        product.variantIds.push(variant.id);
        this.variants.set(variant.id, variant);
        this.variantOrder.push(variant);
        this.items.set(variant.inventoryItemId, this.buildItem(random, variant, index < shared.length));
      }
    }
  }

  variantBySku(sku: string): SimVariant | undefined {
    return this.variantOrder.find((variant) => variant.sku === sku);
  }

  /** The level of an item at a location, for test assertions. */
  level(inventoryItemId: string, locationId: string): SimLevel | undefined {
    return this.items.get(inventoryItemId)?.levels.get(locationId);
  }

  private buildItem(random: SeededRandom, variant: SimVariant, sharedSku: boolean): SimInventoryItem {
    const tracked = sharedSku || !random.chance(0.05);
    const levels = new Map<string, SimLevel>();
    for (const [index, location] of this.locations.entries()) {
      // Every item is stocked at the first two locations; the pop-up carries about 70%.
      if (index === 2 && !sharedSku && !random.chance(0.7)) continue;
      levels.set(location.id, {
        id: `gid://shopify/InventoryLevel/${String(90_000_000 + ++this.levelSeq)}?inventory_item_id=${variant.inventoryItemId.split('/').pop() ?? ''}`,
        locationId: location.id,
        available: demoStock(random),
        committed: random.chance(0.2) ? random.int(1, 5) : 0,
        reserved: 0,
        incoming: random.chance(0.1) ? random.int(5, 50) : 0,
        updatedAt: new Date(DEMO_EPOCH - random.int(0, 30 * 24 * 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
    }
    const costCents = random.chance(0.85) ? random.int(150, 6_000) : null;
    return {
      id: variant.inventoryItemId,
      variantId: variant.id,
      tracked,
      unitCost: costCents === null ? null : centsToDecimal(costCents),
      createdAt: variant.createdAt,
      levels,
    };
  }
}

/** ~4 variants per product on average: some single ("Default Title"), most color × size. */
function variantTitles(random: SeededRandom, productIndex: number): string[] {
  if (productIndex % 5 === 0) return ['Default Title'];
  const colors = DEMO_COLORS.slice(0, random.int(1, 2));
  const sizes = DEMO_SIZES.slice(0, random.int(2, 4));
  return colors.flatMap((color) => sizes.map((size) => `${color} / ${size}`));
}

function latest(a: string, b: string): string {
  return a > b ? a : b;
}
