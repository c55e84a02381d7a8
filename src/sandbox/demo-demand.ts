import { SeededRandom } from './seeded-random.ts';

/**
 * Deterministic daily demand for a demo catalog: units of each SKU sold on each UTC day are a
 * pure function of (seed, SKU, day), so any window is generated lazily and the same day answers
 * the same on every run and every simulator clock. The shape is what planners meet in real
 * shops: fast movers, medium sellers and intermittent slow movers; a weekly cycle (weekend
 * peaks), a yearly one (December peak), a trend, short promotions and stock-outs (zero sales
 * while out of stock).
 */

export const DAY_MS = 86_400_000;

/** A UTC day as a number of days since 1970-01-01. */
export function dayNumber(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoToDay(iso: string): number {
  return dayNumber(Date.parse(`${iso}T00:00:00Z`));
}

export type DemandTier = 'fast' | 'medium' | 'slow';

interface SkuProfile {
  readonly tier: DemandTier;
  readonly base: number;
  readonly weeklyAmplitude: number;
  readonly yearlyAmplitude: number;
  readonly trendPerYear: number;
  readonly salt: number;
}

/** Weekday factors, Sunday first: weekend peaks, a quiet Monday. */
const WEEKLY = [1.3, 0.8, 0.9, 0.95, 1.0, 1.1, 1.35];
/** Trend is anchored here so a day's level does not depend on when the simulator started. */
const TREND_ANCHOR_DAY = dayNumber(Date.UTC(2026, 0, 1));
const PROMO_BLOCK = 28;
const STOCKOUT_BLOCK = 45;

export class DemoDemand {
  private readonly profiles = new Map<string, SkuProfile>();
  private readonly seed: number;
  private readonly scale: number;

  /** `scale` multiplies every rate (a smaller channel sells less of the same SKUs). */
  constructor(seed: number, scale = 1) {
    this.seed = seed;
    this.scale = scale;
  }

  tier(sku: string): DemandTier {
    return this.profile(sku).tier;
  }

  /** Units of `sku` sold on `day` (0 on days it was out of stock). */
  units(sku: string, day: number): number {
    const profile = this.profile(sku);
    if (this.outOfStock(profile, day)) return 0;
    const rate = this.rate(profile, day);
    return poisson(rate, new SeededRandom(mix(this.seed, profile.salt, day)));
  }

  /** Whether `sku` was out of stock on `day` (fast and medium movers run out now and then). */
  outOfStock(profile: SkuProfile, day: number): boolean {
    if (profile.tier === 'slow') return false;
    const block = Math.floor(day / STOCKOUT_BLOCK);
    const random = new SeededRandom(mix(this.seed, profile.salt ^ 0x5f0c, block));
    if (!random.chance(0.3)) return false;
    const start = random.int(0, STOCKOUT_BLOCK - 12);
    const offset = day - block * STOCKOUT_BLOCK;
    return offset >= start && offset < start + random.int(3, 10);
  }

  private rate(profile: SkuProfile, day: number): number {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
    const weekly = 1 + profile.weeklyAmplitude * ((WEEKLY[weekday] ?? 1) - 1);
    const dayOfYear = day - dayNumber(Date.UTC(new Date(day * DAY_MS).getUTCFullYear(), 0, 1));
    const yearly = 1 + profile.yearlyAmplitude * Math.cos((2 * Math.PI * (dayOfYear - 350)) / 365);
    const trend = Math.min(2, Math.max(0.3, 1 + (profile.trendPerYear * (day - TREND_ANCHOR_DAY)) / 365));
    return profile.base * this.scale * weekly * yearly * trend * this.promotion(profile, day);
  }

  private promotion(profile: SkuProfile, day: number): number {
    const block = Math.floor(day / PROMO_BLOCK);
    const random = new SeededRandom(mix(this.seed, profile.salt ^ 0x9e37, block));
    if (!random.chance(0.2)) return 1;
    const start = random.int(0, PROMO_BLOCK - 7);
    const length = random.int(3, 6);
    const lift = 1.8 + random.next() * 1.2;
    const offset = day - block * PROMO_BLOCK;
    return offset >= start && offset < start + length ? lift : 1;
  }

  private profile(sku: string): SkuProfile {
    let profile = this.profiles.get(sku);
    if (!profile) {
      const salt = hashText(sku);
      const random = new SeededRandom(mix(this.seed, salt, 0));
      const roll = random.next();
      const tier: DemandTier = roll < 0.2 ? 'fast' : roll < 0.5 ? 'medium' : 'slow';
      const base = tier === 'fast' ? 3 + random.next() * 5 : tier === 'medium' ? 0.6 + random.next() * 1.4 : 0.04 + random.next() * 0.26;
      profile = {
        tier,
        base,
        weeklyAmplitude: 0.5 + random.next() * 0.5,
        yearlyAmplitude: random.next() * 0.35,
        trendPerYear: -0.25 + random.next() * 0.65,
        salt,
      };
      this.profiles.set(sku, profile);
    }
    return profile;
  }
}

/** Knuth's method: fine for the small daily rates here (rates stay far below 50). */
function poisson(rate: number, random: SeededRandom): number {
  if (rate <= 0) return 0;
  const limit = Math.exp(-rate);
  let k = 0;
  let product = random.next();
  while (product > limit) {
    k += 1;
    product *= random.next();
  }
  return k;
}

/** FNV-1a of a string: a stable per-SKU salt. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes three integers into one 32-bit seed (murmur3 finalizer). */
export function mix(a: number, b: number, c: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
