import type { SeededRandom } from './seeded-random.ts';

/**
 * Building blocks every simulator's demo catalog draws from, so the four demo vendors sell
 * some of the same SKUs (the same SKU through several channels, as merchants really do).
 */

/** 60 SKUs that every demo vendor carries (each vendor carries all of them). */
export function sharedDemoSkus(): string[] {
  return Array.from({ length: 60 }, (_, index) => `SG-${String(1000 + index)}`);
}

const ADJECTIVES = ['Classic', 'Organic', 'Heavy-Duty', 'Compact', 'Ergonomic', 'Vintage', 'Ultra-Light', 'Recycled', 'Premium', 'Everyday'];
const NOUNS = ['T-Shirt', 'Water Bottle', 'Backpack', 'Desk Lamp', 'Coffee Mug', 'Notebook', 'Sneaker', 'Headphones', 'Yoga Mat', 'Tote Bag', 'Cutting Board', 'Phone Case'];
/** Unicode titles on purpose: clients and mappers must not mangle them. */
const UNICODE_TITLES = ['Café Crème Mug ☕', 'Größe Wanderjacke', 'Ñandú Plush Toy', '日本茶 Matcha Set', 'Crème brûlée Torch 🔥', 'Smörgåsbord Platter'];
export const DEMO_COLORS = ['Black', 'White', 'Red', 'Navy', 'Olive'];
export const DEMO_SIZES = ['S', 'M', 'L', 'XL'];

/** A deterministic product title; every ~15th is a unicode one. */
export function demoTitle(random: SeededRandom, index: number): string {
  if (index % 15 === 7) return UNICODE_TITLES[index % UNICODE_TITLES.length] ?? 'Café';
  return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
}

/** A price in cents between min and max, often ending in 99 or 50 cents. */
export function demoPriceCents(random: SeededRandom, min = 499, max = 19_999): number {
  const dollars = Math.floor(random.int(min, max) / 100);
  return dollars * 100 + random.pick([99, 50, 0, 95, 49]);
}

/** Cents to a decimal string with two places ("12.50"). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An EAN-13 barcode with a valid check digit. */
export function demoBarcode(random: SeededRandom): string {
  const digits = Array.from({ length: 12 }, () => random.int(0, 9));
  const sum = digits.reduce((acc, digit, index) => acc + digit * (index % 2 === 0 ? 1 : 3), 0);
  return `${digits.join('')}${(10 - (sum % 10)) % 10}`;
}

/** A plausible on-hand stock level: mostly tens, some zeros, a few large. */
export function demoStock(random: SeededRandom): number {
  if (random.chance(0.08)) return 0;
  if (random.chance(0.05)) return random.int(200, 900);
  return random.int(1, 80);
}

/** A fixed reference instant for demo timestamps, so catalogs are identical on every run. */
export const DEMO_EPOCH = Date.UTC(2026, 9, 1, 12, 0, 0);

export function demoTimestamp(random: SeededRandom): string {
  return new Date(DEMO_EPOCH - random.int(0, 180 * 24 * 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
