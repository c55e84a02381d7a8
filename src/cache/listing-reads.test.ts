import { describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../errors/error-code.ts';
import { UpstreamError } from '../errors/gateway-error.ts';
import { CallCancelledError } from '../resilience/resilience-errors.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import type { ProductPage } from '../vendors/vendor-source.ts';
import { invalidateProduct } from './cache-keys.ts';
import { ListingReads } from './listing-reads.ts';
import { MemoryReadCache } from './memory-read-cache.ts';
import type { ReadThroughObserver } from './read-through.ts';

const product = (id: string) => ({ id, vendorId: 'acme', nativeId: id, sku: `SKU-${id}` }) as unknown as StandardProduct;
const page: ProductPage = { products: [product('p1'), product('p2')], endCursor: null, hasNextPage: false };
const lookups: Array<[string, number]> = [];
const observer: ReadThroughObserver = { lookups: (_name, result, count) => lookups.push([result, count]), cacheFailed: () => undefined };
const live = () => new AbortController().signal;

/** A vendor read that answers (or fails) when told to, counting how often it was asked. */
function vendorRead(answer: () => ProductPage | Error = () => page) {
  const pending: Array<() => void> = [];
  const read = {
    calls: 0,
    load: () => {
      read.calls += 1;
      return new Promise<ProductPage>((resolve, reject) => {
        pending.push(() => {
          const value = answer();
          if (value instanceof Error) reject(value);
          else resolve(value);
        });
      });
    },
    /** Lets the reads reach the vendor (they may await the cache first), then answers them. */
    answerAll: async () => {
      for (let turn = 0; turn < 5; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
        while (pending.length > 0) pending.shift()?.();
      }
    },
  };
  return read;
}

describe('listing reads: single flight', () => {
  it('serves five concurrent identical reads with one vendor read, the same answer to all', async () => {
    const reads = new ListingReads(new MemoryReadCache(), { ttlMs: 0, singleFlight: true });
    const vendor = vendorRead();
    const answers = Promise.all(Array.from({ length: 5 }, () => reads.read('acme', '[100,null]', live(), vendor.load, observer)));
    await vendor.answerAll();
    expect(await answers).toEqual(Array.from({ length: 5 }, () => page));
    expect(vendor.calls).toBe(1);
    expect(reads.inFlight).toBe(0);
  });

  it('reads again once the flight has landed (no TTL: nothing kept), and apart for another request or vendor', async () => {
    const reads = new ListingReads(new MemoryReadCache(), { ttlMs: 0, singleFlight: true });
    const vendor = vendorRead();
    const first = reads.read('acme', '[100,null]', live(), vendor.load, observer);
    const other = reads.read('acme', '[50,null]', live(), vendor.load, observer);
    const otherVendor = reads.read('globex', '[100,null]', live(), vendor.load, observer);
    await vendor.answerAll();
    await Promise.all([first, other, otherVendor]);
    const again = reads.read('acme', '[100,null]', live(), vendor.load, observer);
    await vendor.answerAll();
    await again;
    expect(vendor.calls).toBe(4);
  });

  it('without single flight, each concurrent read asks the vendor', async () => {
    const reads = new ListingReads(new MemoryReadCache(), { ttlMs: 0, singleFlight: false });
    const vendor = vendorRead();
    const answers = Promise.all(Array.from({ length: 3 }, () => reads.read('acme', '[100,null]', live(), vendor.load, observer)));
    await vendor.answerAll();
    await answers;
    expect(vendor.calls).toBe(3);
  });

  it('shares a vendor failure with every joiner: the vendor sees one read', async () => {
    const reads = new ListingReads(new MemoryReadCache(), { ttlMs: 0, singleFlight: true });
    const failure = new UpstreamError('acme: HTTP 503', { vendorId: 'acme', errorClass: UpstreamErrorClass.SERVER, status: 503 });
    const vendor = vendorRead(() => failure);
    const answers = Promise.allSettled(Array.from({ length: 3 }, () => reads.read('acme', '[100,null]', live(), vendor.load, observer)));
    await vendor.answerAll();
    expect(await answers).toEqual(Array.from({ length: 3 }, () => ({ status: 'rejected', reason: failure })));
    expect(vendor.calls).toBe(1);
  });

  it('a joiner whose client is still there reads for itself when the leader\'s client went away', async () => {
    const reads = new ListingReads(new MemoryReadCache(), { ttlMs: 0, singleFlight: true });
    let call = 0;
    const vendor = vendorRead(() => (++call === 1 ? new CallCancelledError('acme') : page));
    const leader = reads.read('acme', '[100,null]', live(), vendor.load, observer).catch((error: unknown) => error);
    const joiner = reads.read('acme', '[100,null]', live(), vendor.load, observer);
    await vendor.answerAll();
    expect(await leader).toBeInstanceOf(CallCancelledError);
    expect(await joiner).toEqual(page);
    expect(vendor.calls).toBe(2);
  });
});

describe('listing reads: cached like items', () => {
  it('serves the page from the cache within the TTL, and reads again after a stock write to a product on it', async () => {
    const cache = new MemoryReadCache();
    const reads = new ListingReads(cache, { ttlMs: 5_000, singleFlight: true });
    const vendor = vendorRead();
    lookups.length = 0;
    const first = reads.read('acme', '[100,null]', live(), vendor.load, observer);
    await vendor.answerAll();
    expect(await first).toEqual(page);
    expect(await reads.read('acme', '[100,null]', live(), vendor.load, observer)).toEqual(page);
    expect(vendor.calls).toBe(1);
    expect(lookups).toEqual([['miss', 1], ['hit', 1]]);

    await invalidateProduct(cache, 'p2');
    const afterWrite = reads.read('acme', '[100,null]', live(), vendor.load, observer);
    await vendor.answerAll();
    await afterWrite;
    expect(vendor.calls).toBe(2);
  });

  it('does not store a page whose product was written while the page was being read', async () => {
    const cache = new MemoryReadCache();
    const reads = new ListingReads(cache, { ttlMs: 5_000, singleFlight: true });
    const vendor = vendorRead();
    const first = reads.read('acme', '[100,null]', live(), vendor.load, observer);
    while (vendor.calls === 0) await new Promise((resolve) => setImmediate(resolve));
    await invalidateProduct(cache, 'p1');
    await vendor.answerAll();
    await first;
    const second = reads.read('acme', '[100,null]', live(), vendor.load, observer);
    await vendor.answerAll();
    await second;
    expect(vendor.calls).toBe(2);
  });

  it('stores nothing when the vendor read fails', async () => {
    const cache = new MemoryReadCache();
    const reads = new ListingReads(cache, { ttlMs: 5_000, singleFlight: true });
    const vendor = vendorRead(() => new UpstreamError('acme: HTTP 500', { vendorId: 'acme', errorClass: UpstreamErrorClass.SERVER, status: 500 }));
    const first = reads.read('acme', '[100,null]', live(), vendor.load, observer).catch((error: unknown) => error);
    await vendor.answerAll();
    expect(await first).toBeInstanceOf(UpstreamError);
    expect(cache.stats().sets).toBe(0);
  });
});
