import {
  centsToDecimal,
  demoBarcode,
  demoPriceCents,
  demoStock,
  demoTimestamp,
  demoTitle,
  sharedDemoSkus,
} from '../demo-catalog.ts';
import { SeededRandom } from '../seeded-random.ts';

/** One warehouse entry of a Dropship Co item, as its feed writes it. */
export interface DropshipStockEntry {
  warehouse: { code: string; name: string };
  available: number;
  on_hand: number;
  updated_at: string;
}

/** One item of Dropship Co's JSON feed: prices as strings with a currency, stock per warehouse. */
export interface DropshipItem {
  id: string;
  sku: string | null;
  title: string;
  status: DropshipStatus;
  pricing: { amount: string; currency: string; wholesale: string | null };
  upc: string | null;
  track_stock: boolean;
  updated_at: string;
  stock: DropshipStockEntry[];
}

export const DropshipStatus = { LIVE: 'live', DRAFT: 'draft', RETIRED: 'retired' } as const;
export type DropshipStatus = (typeof DropshipStatus)[keyof typeof DropshipStatus];

export const DROPSHIP_WAREHOUSES = [
  { code: 'rtm', name: 'Rotterdam' },
  { code: 'lyn', name: 'Lyon' },
  { code: 'lod', name: 'Łódź Hub' },
] as const;

export const DROPSHIP_CATALOG_SIZE = 150;

/**
 * The seeded catalog: 150 items in id order, all 60 shared demo SKUs (items 0,1,5,6,10,11,...),
 * every 9th other item without a SKU, unicode titles from the shared title list.
 */
export function buildDropshipCatalog(seed = 7): DropshipItem[] {
  const random = new SeededRandom(seed);
  const shared = sharedDemoSkus();
  let sharedIndex = 0;
  let ownIndex = 0;
  return Array.from({ length: DROPSHIP_CATALOG_SIZE }, (_, index): DropshipItem => {
    let sku: string | null;
    if (index % 5 < 2 && sharedIndex < shared.length) sku = shared[sharedIndex++] ?? null;
    else sku = ownIndex++ % 9 === 4 ? null : `DS-${String(5000 + index)}`;
    const price = demoPriceCents(random);
    const tracked = !random.chance(0.05);
    const warehouses = DROPSHIP_WAREHOUSES.filter((_w, w) => w === 0 || random.chance(0.5));
    const updatedAt = demoTimestamp(random);
    return {
      id: `DS-${String(10001 + index)}`,
      sku,
      title: demoTitle(random, index),
      status: random.chance(0.85) ? DropshipStatus.LIVE : random.pick([DropshipStatus.DRAFT, DropshipStatus.RETIRED]),
      pricing: {
        amount: centsToDecimal(price),
        currency: index % 25 === 24 ? 'GBP' : 'EUR',
        wholesale: random.chance(0.8) ? centsToDecimal(Math.round(price * 0.55)) : null,
      },
      upc: random.chance(0.85) ? demoBarcode(random) : null,
      track_stock: tracked,
      updated_at: updatedAt,
      stock: tracked
        ? warehouses.map((warehouse) => {
            const available = demoStock(random);
            return { warehouse: { ...warehouse }, available, on_hand: available + random.int(0, 3), updated_at: updatedAt };
          })
        : [],
    };
  });
}
