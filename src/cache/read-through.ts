import type { ReadCache } from './read-cache.ts';

/** Which shared cache a lookup went to: the `cache` label of stockgraph_cache_requests_total. */
export const CacheName = { PRODUCT: 'product', LEVELS: 'levels', SKU: 'sku', LOCATIONS: 'locations', LISTING: 'listing' } as const;
export type CacheName = (typeof CacheName)[keyof typeof CacheName];

export interface ReadThroughSpec<K, V> {
  readonly name: CacheName;
  readonly keyOf: (key: K) => string;
  /** Only complete, successful answers are stored: never an Error, and not what this rejects. */
  readonly cacheable: (value: V) => boolean;
  readonly tagsOf?: (value: V) => readonly string[];
  /** How long entries live; the cache's default when absent. */
  readonly ttlMs?: number;
}

export interface ReadThroughObserver {
  lookups(name: CacheName, result: 'hit' | 'miss', count: number): void;
  /** The cache itself failed; the read went to the vendor instead. */
  cacheFailed(name: CacheName, error: unknown): void;
}

/**
 * A batch read through the shared cache: cached keys answer from it, the rest go to `load` in
 * ONE call (so a DataLoader batch stays one vendor batch whatever the cache's latency), and
 * `load`'s successful answers are stored as plain data. A failing `load` throws and stores
 * nothing; a failing cache only costs the vendor call it would have saved.
 */
export async function readThrough<K, V>(
  cache: ReadCache,
  spec: ReadThroughSpec<K, V>,
  keys: readonly K[],
  load: (misses: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
  observer: ReadThroughObserver,
): Promise<Array<V | Error>> {
  const ticket = await cache.beginRead();
  const cached = await Promise.all(
    keys.map((key) =>
      cache.get<V>(spec.keyOf(key)).catch((error: unknown) => {
        observer.cacheFailed(spec.name, error);
        return undefined;
      }),
    ),
  );
  const missing: number[] = [];
  cached.forEach((value, index) => value === undefined && missing.push(index));
  if (keys.length > missing.length) observer.lookups(spec.name, 'hit', keys.length - missing.length);
  if (missing.length === 0) return cached as V[];
  observer.lookups(spec.name, 'miss', missing.length);

  const loaded = await load(missing.map((index) => keys[index] as K));
  const answers: Array<V | Error> = [...(cached as V[])];
  const writes: Array<Promise<void>> = [];
  missing.forEach((index, position) => {
    const value = loaded[position] as V | Error;
    answers[index] = value;
    if (value instanceof Error || !spec.cacheable(value)) return;
    const plain = toPlainData(value);
    writes.push(cache.set(spec.keyOf(keys[index] as K), plain, { ticket, tags: spec.tagsOf?.(plain) ?? [], ...(spec.ttlMs === undefined ? {} : { ttlMs: spec.ttlMs }) }));
  });
  await Promise.all(writes).catch((error: unknown) => observer.cacheFailed(spec.name, error));
  return answers;
}

/**
 * What a serializing cache (Redis) would give back: the value through JSON. Stored in the
 * memory cache too, so a hit there looks exactly like a hit elsewhere and no request can
 * mutate what another one reads.
 */
export function toPlainData<V>(value: V): V {
  return JSON.parse(JSON.stringify(value)) as V;
}
