import { describe, expect, it } from 'vitest';
import { CursorPagePrefetch, pageSizes, type CursorPage } from './cursor-page-prefetch.ts';

/**
 * A vendor listing over a mutable list of ids, paged by cursor as Shopify pages: the cursor of an
 * item is its id, "after c" means the items whose id sorts after c. It records every request and
 * how many were in flight at once.
 */
class FakeListing {
  ids: number[];
  readonly requests: Array<{ size: number; after: string | null }> = [];
  inFlight = 0;
  maxInFlight = 0;
  failAfter: string | null = null;

  constructor(count: number) {
    this.ids = Array.from({ length: count }, (_, index) => (index + 1) * 10);
  }

  fetchPage = async (size: number, after: string | null): Promise<CursorPage<number>> => {
    this.requests.push({ size, after });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.inFlight--;
    if (after !== null && after === this.failAfter) throw new Error('vendor timed out');
    const rest = this.ids.filter((id) => after === null || id > Number(after));
    const nodes = rest.slice(0, size);
    return { nodes, endCursor: nodes.length > 0 ? String(nodes.at(-1)) : null, hasNextPage: rest.length > size };
  };

  /** What a purely sequential reader gets: the first `wanted` ids after `start`. */
  truth(wanted: number, start: string | null = null): number[] {
    return this.ids.filter((id) => start === null || id > Number(start)).slice(0, wanted);
  }
}

describe('reading a multi-page listing with remembered page boundaries', () => {
  it('splits what is wanted into pages of the largest allowed size', () => {
    expect(pageSizes(100, 55)).toEqual([55, 45]);
    expect(pageSizes(110, 55)).toEqual([55, 55]);
    expect(pageSizes(10, 55)).toEqual([10]);
  });

  it('the first read follows the cursors one page after another; the next asks for every page at once', async () => {
    const vendor = new FakeListing(300);
    const prefetch = new CursorPagePrefetch();
    const first = await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    expect(first.nodes).toEqual(vendor.truth(100));
    expect(vendor.maxInFlight).toBe(1);
    expect(first).toMatchObject({ prefetched: 0, wasted: 0, hasNextPage: true, endCursor: '1000' });

    vendor.requests.length = 0;
    vendor.maxInFlight = 0;
    const second = await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    expect(second.nodes).toEqual(vendor.truth(100));
    expect(vendor.requests).toEqual([{ size: 55, after: null }, { size: 45, after: '550' }]);
    expect(vendor.maxInFlight).toBe(2);
    expect(second).toMatchObject({ prefetched: 2, wasted: 0, hasNextPage: true, endCursor: '1000' });
  });

  it('an item inserted before a boundary breaks the chain: the stale page is dropped and read again after the real boundary', async () => {
    const vendor = new FakeListing(300);
    const prefetch = new CursorPagePrefetch();
    await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    vendor.ids = [5, ...vendor.ids];
    vendor.requests.length = 0;
    const read = await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    expect(read.nodes).toEqual(vendor.truth(100));
    expect(read).toMatchObject({ prefetched: 2, wasted: 1 });
    expect(vendor.requests.at(-1)).toEqual({ size: 45, after: '540' });
    // The new boundary is remembered: the read after that needs no correction.
    expect(await prefetch.read('catalog', null, 100, 55, vendor.fetchPage)).toMatchObject({ prefetched: 2, wasted: 0 });
  });

  it('items deleted before a boundary, or a listing that became shorter, give what a sequential read gives', async () => {
    const vendor = new FakeListing(300);
    const prefetch = new CursorPagePrefetch();
    await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    vendor.ids = vendor.ids.filter((id) => id !== 100 && id !== 200);
    expect((await prefetch.read('catalog', null, 100, 55, vendor.fetchPage)).nodes).toEqual(vendor.truth(100));
    vendor.ids = vendor.ids.slice(0, 30);
    const short = await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    expect(short.nodes).toEqual(vendor.truth(100));
    expect(short).toMatchObject({ hasNextPage: false, endCursor: null });
  });

  it('a prefetched page that fails is dropped and read again in sequence; the read fails only if that fails too', async () => {
    const vendor = new FakeListing(300);
    const prefetch = new CursorPagePrefetch();
    await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    vendor.failAfter = '550';
    await expect(prefetch.read('catalog', null, 100, 55, vendor.fetchPage)).rejects.toThrow('vendor timed out');
    vendor.failAfter = null;
    await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);

    let failures = 1;
    const flaky = async (size: number, after: string | null) => {
      if (after === '550' && failures-- > 0) throw new Error('vendor timed out');
      return vendor.fetchPage(size, after);
    };
    const read = await prefetch.read('catalog', null, 100, 55, flaky);
    expect(read.nodes).toEqual(vendor.truth(100));
    expect(read).toMatchObject({ prefetched: 2, wasted: 1 });
  });

  it('listings with another filter, start or page size never share boundaries', async () => {
    const vendor = new FakeListing(300);
    const prefetch = new CursorPagePrefetch();
    await prefetch.read('catalog', null, 100, 55, vendor.fetchPage);
    expect(await prefetch.read('catalog status:active', null, 100, 55, vendor.fetchPage)).toMatchObject({ prefetched: 0 });
    expect(await prefetch.read('catalog', '1000', 100, 55, vendor.fetchPage)).toMatchObject({ prefetched: 0 });
    expect(await prefetch.read('catalog', null, 100, 60, vendor.fetchPage)).toMatchObject({ prefetched: 0 });
    const later = await prefetch.read('catalog', '1000', 100, 55, vendor.fetchPage);
    expect(later.nodes).toEqual(vendor.truth(100, '1000'));
    expect(later.prefetched).toBe(2);
  });
});
