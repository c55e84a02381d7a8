import { CallCancelledError } from '../resilience/resilience-errors.ts';
import type { ProductPage } from '../vendors/vendor-source.ts';
import { CacheKey, CacheTag } from './cache-keys.ts';
import type { ReadCache } from './read-cache.ts';
import { CacheName, toPlainData, type ReadThroughObserver } from './read-through.ts';

export interface ListingReadSettings {
  /** How long a page is served from the shared cache; 0 = never stored. */
  readonly ttlMs: number;
  /** Concurrent identical reads share one vendor read. */
  readonly singleFlight: boolean;
}

/**
 * Listing pages read once for everyone who asks at the same time, and kept like items.
 *
 * Single flight: a page read already under way for the same vendor and request is joined, not
 * repeated; every joiner gets the same answer, or the same vendor failure (so a struggling vendor
 * sees one read, not one per client). The one exception is a read cancelled because ITS client
 * went away (CallCancelledError): that is not the vendor's answer, so each joiner whose own client
 * is still there reads for itself.
 *
 * Cache: with `ttlMs > 0` a complete page is stored as plain data, tagged with every product on
 * it, so a stock write to any of them (invalidateProduct → deleteByTag) drops the page. The read
 * takes its ticket before asking the vendor, so a write during the read fences the store.
 */
export class ListingReads {
  private readonly cache: ReadCache;
  private readonly settings: ListingReadSettings;
  private readonly flights = new Map<string, Promise<ProductPage>>();

  constructor(cache: ReadCache, settings: ListingReadSettings) {
    this.cache = cache;
    this.settings = settings;
  }

  /** Reads requests in flight right now (for tests and /status). */
  get inFlight(): number {
    return this.flights.size;
  }

  async read(vendorId: string, request: string, signal: AbortSignal, load: () => Promise<ProductPage>, observer: ReadThroughObserver): Promise<ProductPage> {
    const key = CacheKey.listing(vendorId, request);
    if (this.settings.ttlMs > 0) {
      const cached = await this.cache.get<ProductPage>(key).catch((error: unknown) => {
        observer.cacheFailed(CacheName.LISTING, error);
        return undefined;
      });
      observer.lookups(CacheName.LISTING, cached === undefined ? 'miss' : 'hit', 1);
      if (cached !== undefined) return cached;
    }
    if (!this.settings.singleFlight) return this.loadAndStore(key, load, observer);
    const running = this.flights.get(key);
    if (running) {
      return running.catch((error: unknown) => {
        if (error instanceof CallCancelledError && !signal.aborted) return this.read(vendorId, request, signal, load, observer);
        throw error;
      });
    }
    const flight = this.loadAndStore(key, load, observer).finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return flight;
  }

  private async loadAndStore(key: string, load: () => Promise<ProductPage>, observer: ReadThroughObserver): Promise<ProductPage> {
    if (this.settings.ttlMs <= 0) return load();
    const ticket = await this.cache.beginRead();
    const page = toPlainData(await load());
    const tags = page.products.map((product) => CacheTag.product(product.id));
    await this.cache.set(key, page, { ttlMs: this.settings.ttlMs, ticket, tags }).catch((error: unknown) => observer.cacheFailed(CacheName.LISTING, error));
    return page;
  }
}

const byCache = new WeakMap<ReadCache, ListingReads>();

/**
 * The listing reads that go with one shared read cache: whoever shares the cache shares the
 * flights (one gateway; the naive bench baseline has its own, disabled, cache). Built on first use.
 */
export function listingReadsFor(cache: ReadCache, settings: ListingReadSettings): ListingReads {
  let reads = byCache.get(cache);
  if (!reads) {
    reads = new ListingReads(cache, settings);
    byCache.set(cache, reads);
  }
  return reads;
}
