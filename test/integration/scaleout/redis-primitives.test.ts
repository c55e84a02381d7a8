import pino from 'pino';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemoryReadCache } from '../../../src/cache/memory-read-cache.ts';
import { redisConfigSchema } from '../../../src/config/shared-state-config.ts';
import type { InventoryChangeEvent } from '../../../src/realtime/inventory-event-bus.ts';
import { RedisInventoryEventBus } from '../../../src/realtime/redis-inventory-event-bus.ts';
import { systemClock } from '../../../src/resilience/clock.ts';
import { BroadcastInvalidationCache } from '../../../src/scaleout/broadcast-invalidation-cache.ts';
import { DegradedLog } from '../../../src/scaleout/degraded-log.ts';
import { withHeldLease } from '../../../src/scaleout/held-lease.ts';
import { RedisConnection } from '../../../src/scaleout/redis-connection.ts';
import { RedisLeases } from '../../../src/scaleout/redis-leases.ts';
import { SharedBucket } from '../../../src/scaleout/shared-bucket.ts';
import { LeaseKey } from '../../../src/scaleout/shared-leases.ts';
import { checkSharedServices, REDIS_URL, uniqueName } from '../../support/shared-services.ts';

// Needs Redis (127.0.0.1:6379): skips outside CI without it, fails in CI.
const services = await checkSharedServices(['redis']);
const logger = pino({ level: 'silent' });
const prefix = `${uniqueName('sg-primitives')}:`;
const opened: RedisConnection[] = [];

/** One "instance": its own connections, as a separate gateway process would have. */
async function instance(): Promise<RedisConnection> {
  const connection = new RedisConnection(redisConfigSchema.parse({ url: REDIS_URL, keyPrefix: prefix }), logger);
  opened.push(connection);
  expect(await connection.ready(5_000)).toBe(true);
  return connection;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((connection) => connection.close()));
});
afterAll(async () => {
  if (!services.available) return;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const rejections = { exhausted: (waitMs: number) => new Error(`exhausted, wait ${waitMs}`), aborted: () => new Error('aborted') };
const never = new AbortController().signal;

function bucketOn(redis: RedisConnection, accountKey: string) {
  return new SharedBucket({
    redis,
    vendorId: 'shop',
    accountKey,
    initial: { maximum: 100, restoreRate: 10 },
    localFraction: 0.25,
    degraded: new DegradedLog(logger, 60_000),
    clock: systemClock,
    rejections,
  });
}

describe.skipIf(!services.available)('Redis primitives shared by instances', () => {
  describe('SharedBucket (one vendor account\'s budget)', () => {
    it('grants at most the bucket to concurrent takers on two instances, then makes them wait', async () => {
      const [one, two] = [bucketOn(await instance(), 'acct-1'), bucketOn(await instance(), 'acct-1')];
      const deadline = Date.now() + 50; // shorter than one point's restore (100 ms): no refill counts
      const takes = await Promise.allSettled(Array.from({ length: 30 }, (_, index) => (index % 2 ? one : two).acquire(10, deadline, never)));
      expect(takes.filter((take) => take.status === 'fulfilled')).toHaveLength(10);
      for (const take of takes.filter((result) => result.status === 'rejected')) {
        expect((take as PromiseRejectedResult).reason.message).toMatch(/^exhausted, wait (9\d\d|1000)$/);
      }
    });

    it('restores at the rate on Redis\'s clock and serves a waiter when points are back', async () => {
      const bucket = bucketOn(await instance(), 'acct-2');
      await bucket.acquire(100, Date.now() + 100, never);
      const started = Date.now();
      await bucket.acquire(5, Date.now() + 2_000, never); // 5 points at 10/s: about half a second
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    });

    it('schedules short callers of every instance in arrival order, and refuses one whose turn would come after its deadline', async () => {
      const [one, two] = [bucketOn(await instance(), 'acct-6'), bucketOn(await instance(), 'acct-6')];
      await one.acquire(100, Date.now() + 100, never);
      const served: string[] = [];
      const first = one.acquire(5, Date.now() + 3_000, never).then(() => served.push('first (instance 1)'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const second = two.acquire(5, Date.now() + 3_000, never).then(() => served.push('second (instance 2)'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Its turn would come after the other two (about 1.5 s): refused at once, nothing reserved.
      await expect(one.acquire(5, Date.now() + 1_200, never)).rejects.toThrow(/^exhausted/);
      await Promise.all([first, second]);
      expect(served).toEqual(['first (instance 1)', 'second (instance 2)']);
    });

    it('only lowers the shared level on a vendor report, and refunds up to the maximum', async () => {
      const redis = await instance();
      const bucket = bucketOn(redis, 'acct-3');
      await bucket.acquire(10, Date.now() + 100, never);
      bucket.sync({ available: 500, maximum: 100, restoreRate: 10 }, 0);
      bucket.refund(5);
      await redis.client.ping();
      expect(bucket.state().available).toBeLessThanOrEqual(95.5);
      bucket.sync({ available: 20, maximum: 100, restoreRate: 10 }, 3);
      await redis.client.ping();
      await bucket.acquire(1, Date.now() + 100, never);
      expect(bucket.state().available).toBeLessThan(17); // 20 reported − 3 in flight − 1 taken
    });

    it('keeps two accounts apart', async () => {
      const redis = await instance();
      await bucketOn(redis, 'acct-4').acquire(100, Date.now() + 10, never);
      await expect(bucketOn(redis, 'acct-5').acquire(100, Date.now() + 10, never)).resolves.toBeUndefined();
    });
  });

  describe('RedisLeases (write locks, idempotency leases, sync ownership)', () => {
    it('takes all keys or none, with growing fencing tokens', async () => {
      const [x, y] = [new RedisLeases(await instance()), new RedisLeases(await instance())];
      const first = await x.acquire(['k1', 'k2'], { ttlMs: 5_000, waitUntil: 0 });
      expect(first).not.toBeNull();
      expect(await y.acquire(['k2', 'k3'], { ttlMs: 5_000, waitUntil: 0 })).toBeNull();
      expect(await y.acquire(['k3'], { ttlMs: 5_000, waitUntil: 0 })).not.toBeNull(); // k3 was not taken by the refused attempt
      await first!.release();
      const second = await y.acquire(['k2'], { ttlMs: 5_000, waitUntil: 0 });
      expect(second!.fencingToken).toBeGreaterThan(first!.fencingToken);
    });

    it('frees the keys of a holder that never releases once the TTL passes, and refuses its late extend', async () => {
      const leases = new RedisLeases(await instance());
      const crashed = await leases.acquire(['k-crash'], { ttlMs: 200, waitUntil: 0 });
      const next = await leases.acquire(['k-crash'], { ttlMs: 5_000, waitUntil: Date.now() + 2_000 });
      expect(next).not.toBeNull();
      expect(await crashed!.extend(5_000)).toBe(false);
      await crashed!.release(); // must not free the successor's key
      expect(await leases.remainingMs('k-crash')).toBeGreaterThan(1_000);
    });

    it('runs sync-job work on one instance only, renewing the lease while it runs', async () => {
      const [x, y] = [new RedisLeases(await instance()), new RedisLeases(await instance())];
      const key = LeaseKey.syncJob('shopify:acme.myshopify.com');
      let secondAnswer: unknown = 'not asked';
      const first = await withHeldLease(x, key, { ttlMs: 300, logger }, async ({ fencingToken }) => {
        await new Promise((resolve) => setTimeout(resolve, 700)); // longer than the TTL: renewals keep it
        secondAnswer = await withHeldLease(y, key, { ttlMs: 300, logger }, async () => 'ran twice');
        return fencingToken;
      });
      expect(first!.value).toBeGreaterThan(0);
      expect(secondAnswer).toBeNull();
      expect(await withHeldLease(y, key, { ttlMs: 300, logger }, async () => 'after')).toEqual({ value: 'after' });
    });
  });

  it('BroadcastInvalidationCache: a deletion on one instance drops the other instance\'s copy', async () => {
    const [one, two] = [await instance(), await instance()];
    const cacheA = new BroadcastInvalidationCache(new MemoryReadCache(), one, logger);
    const cacheB = new BroadcastInvalidationCache(new MemoryReadCache(), two, logger);
    await new Promise((resolve) => setTimeout(resolve, 200)); // both subscriptions established
    await cacheB.set('product:1', { available: 5 }, { tags: ['p1'] });
    await cacheB.set('product:2', { available: 7 });
    await cacheA.deleteByTag('p1');
    await until(async () => (await cacheB.get('product:1')) === undefined);
    expect(await cacheB.get('product:2')).toEqual({ available: 7 });
  });

  it('RedisInventoryEventBus: every instance\'s subscribers get each event once, the publisher\'s own included', async () => {
    const [busA, busB] = [new RedisInventoryEventBus(await instance(), logger), new RedisInventoryEventBus(await instance(), logger)];
    await Promise.all([busA.ready(), busB.ready()]);
    const seenA: string[] = [];
    const seenB: string[] = [];
    busA.subscribe((event) => seenA.push(event.eventId));
    busB.subscribe((event) => seenB.push(event.eventId));
    const event = (eventId: string): InventoryChangeEvent => ({
      eventId, vendorId: 'shop', productId: 'p', sku: 'SG-1', locationId: 'l', before: 1, after: 2, source: 'MUTATION', occurredAt: new Date().toISOString(),
    });
    await busA.publish([event('e1'), event('e2')]);
    await busB.publish([event('e3')]);
    await busB.publish([event('e1')]); // a re-publication of a known id is not delivered again
    await until(async () => seenA.length === 3 && seenB.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seenA.sort()).toEqual(['e1', 'e2', 'e3']);
    expect(seenB.sort()).toEqual(['e1', 'e2', 'e3']);
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
