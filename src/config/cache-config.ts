import { z } from 'zod';

export const CACHE_DEFAULTS = { ttlMs: 5_000, locationsTtlMs: 600_000, maxEntries: 10_000, listingTtlMs: 0, listingSingleFlight: true } as const;

/**
 * The shared read cache (products, stock levels, SKU lookups). Short-lived on purpose: stock
 * moves, and writes through the gateway invalidate what they touch, but changes made at the
 * vendor directly are only seen once the entry expires.
 */
export const cacheConfigSchema = z
  .object({
    /** How long a read is served from the cache, in ms. */
    ttlMs: z.number().int().positive().max(300_000, 'at most 300000 (5 minutes); stock moves').default(CACHE_DEFAULTS.ttlMs),
    /** How long a vendor's list of locations is reused, in ms: locations change rarely. */
    locationsTtlMs: z.number().int().positive().max(86_400_000, 'at most 86400000 (a day)').default(CACHE_DEFAULTS.locationsTtlMs),
    /** Most entries held; the least recently used go first. */
    maxEntries: z.number().int().positive().default(CACHE_DEFAULTS.maxEntries),
    /**
     * How long one vendor's listing page (`products`) is served from the cache, in ms; 0 (the
     * default) reads every page from the vendor. Entries are dropped when the stock of a product
     * on the page is written through the gateway.
     */
    listingTtlMs: z.number().int().min(0).max(300_000, 'at most 300000 (5 minutes); stock moves').default(CACHE_DEFAULTS.listingTtlMs),
    /** Concurrent identical listing reads share one vendor read (single flight). */
    listingSingleFlight: z.boolean().default(CACHE_DEFAULTS.listingSingleFlight),
  })
  .strict();

export type CacheConfig = z.infer<typeof cacheConfigSchema>;
