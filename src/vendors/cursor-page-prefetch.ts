import { LRUCache } from 'lru-cache';

/** One page of a cursor-paginated vendor listing. */
export interface CursorPage<T> {
  readonly nodes: readonly T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

/** What `CursorPagePrefetch.read` fetched: the pages' nodes in order and where the listing stands. */
export interface CursorRead<T> {
  readonly nodes: T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  /** Pages requested in parallel on remembered cursors, and how many of those had to be dropped. */
  readonly prefetched: number;
  readonly wasted: number;
}

export interface CursorPagePrefetchOptions {
  /** Listings (start cursor, filter, page shape) whose page boundaries are remembered. */
  readonly maxListings?: number;
  /** How long a remembered boundary is trusted, ms. */
  readonly ttlMs?: number;
}

/**
 * Reads several pages of a cursor-paginated listing in parallel instead of one after another.
 *
 * A vendor that caps one request below what the caller asked for (Shopify: 1,000 cost points, so
 * 55 variants with stock at 3 locations) needs several pages, and each page's `after` cursor is
 * the previous page's `endCursor`: a chain of round trips. This remembers, per listing, the cursor
 * at each page boundary it has seen. The next time the same listing is read, every page is
 * requested at once on the remembered cursors, and the answer is accepted page by page only where
 * the chain still holds: page i came back full, says there is more, and ends exactly on the
 * cursor page i+1 was requested after. Then the pages are exactly what the sequential chain would
 * have returned (each page is "the next n after cursor c", and c is where the previous one ended).
 * From the first page that breaks the chain (items inserted or deleted before a boundary, a
 * failed request), the rest are dropped and read sequentially as before. What a miss costs is the
 * dropped requests, never a wrong answer.
 */
export class CursorPagePrefetch {
  private readonly boundaries: LRUCache<string, readonly string[]>;

  constructor(options: CursorPagePrefetchOptions = {}) {
    this.boundaries = new LRUCache({ max: options.maxListings ?? 1_000, ttl: options.ttlMs ?? 10 * 60_000 });
  }

  /**
   * Reads up to `wanted` nodes after `start` in pages of at most `pageSize`.
   * `listing` identifies everything but the start that shapes the pages (filter, page size,
   * selection); listings with different keys never share boundaries.
   */
  async read<T>(
    listing: string,
    start: string | null,
    wanted: number,
    pageSize: number,
    fetchPage: (size: number, after: string | null) => Promise<CursorPage<T>>,
  ): Promise<CursorRead<T>> {
    const key = `${listing}\u0000${start ?? ''}\u0000${String(pageSize)}`;
    const sizes = pageSizes(wanted, pageSize);
    const known = this.boundaries.get(key) ?? [];
    const pages: Array<CursorPage<T>> = [];
    let prefetched = 0;
    if (sizes.length > 1 && known.length >= sizes.length - 1) {
      const afters = [start, ...known.slice(0, sizes.length - 1)];
      prefetched = sizes.length;
      const settled = await Promise.allSettled(sizes.map((size, index) => fetchPage(size, afters[index] ?? null)));
      for (const [index, result] of settled.entries()) {
        if (result.status === 'rejected') {
          if (index === 0) throw result.reason;
          break;
        }
        pages.push(result.value);
        const continues = index < sizes.length - 1;
        if (continues && !chainHolds(result.value, sizes[index] ?? 0, afters[index + 1] ?? null)) break;
      }
    }
    const wasted = prefetched - pages.length;

    let count = pages.reduce((sum, page) => sum + page.nodes.length, 0);
    let after = pages.at(-1)?.endCursor ?? start;
    let hasNextPage = pages.at(-1)?.hasNextPage ?? true;
    while (count < wanted && hasNextPage) {
      const page = await fetchPage(Math.min(pageSize, wanted - count), after);
      pages.push(page);
      count += page.nodes.length;
      hasNextPage = page.hasNextPage;
      after = page.endCursor ?? after;
    }

    this.remember(key, pages);
    return { nodes: pages.flatMap((page) => [...page.nodes]), endCursor: hasNextPage ? after : null, hasNextPage, prefetched, wasted };
  }

  /** Keeps the boundaries of full pages that were followed by more, merged with longer ones known. */
  private remember<T>(key: string, pages: ReadonlyArray<CursorPage<T>>): void {
    const seen: string[] = [];
    for (const page of pages.slice(0, -1)) {
      if (!page.hasNextPage || page.endCursor === null) break;
      seen.push(page.endCursor);
    }
    if (seen.length === 0) return;
    const known = this.boundaries.get(key) ?? [];
    const agrees = seen.every((cursor, index) => known[index] === undefined || known[index] === cursor);
    this.boundaries.set(key, agrees && known.length > seen.length ? known : seen);
  }
}

/** `wanted` split into pages of at most `pageSize`: 100 by 55 → [55, 45]. */
export function pageSizes(wanted: number, pageSize: number): number[] {
  const sizes: number[] = [];
  for (let left = Math.max(0, wanted); left > 0; left -= pageSize) sizes.push(Math.min(pageSize, left));
  return sizes;
}

/** Page `page`, asked for `size` nodes, ended exactly where the next page was requested from. */
function chainHolds<T>(page: CursorPage<T>, size: number, nextAfter: string | null): boolean {
  return page.nodes.length === size && page.hasNextPage && page.endCursor !== null && page.endCursor === nextAfter;
}
