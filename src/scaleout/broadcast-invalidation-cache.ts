import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ReadCache, ReadCacheSetOptions, ReadCacheStats, ReadTicket } from '../cache/read-cache.ts';
import type { RedisConnection } from './redis-connection.ts';

type Invalidation = { readonly origin: string; readonly op: 'key' | 'prefix' | 'tag'; readonly arg: string };

/**
 * The read cache of one instance among several: values stay in this process (a hit costs no
 * network round trip, so a catalog page is as fast as on one process), and every deletion is
 * published on a Redis channel that every instance applies to its own copy. A write through
 * instance A thus drops B's cached reads before A answers its client (PUBLISH hands the message
 * to every subscriber's connection before it returns). The in-flight-read fencing of the inner
 * cache applies to remote deletions too, since they go through the same delete calls.
 *
 * Pub/sub is at most once: while this instance's subscription is down it may miss deletions, so
 * when it comes back the whole local cache is dropped (a few extra vendor reads, never stale data
 * beyond that gap; writes are refused while Redis is down anyway).
 */
export class BroadcastInvalidationCache implements ReadCache {
  private readonly inner: ReadCache;
  private readonly redis: RedisConnection;
  private readonly channel: string;
  private readonly origin = randomUUID();
  private readonly logger: Logger;

  constructor(inner: ReadCache, redis: RedisConnection, logger: Logger) {
    this.inner = inner;
    this.redis = redis;
    this.logger = logger.child({ component: 'cache-invalidation' });
    this.channel = `${redis.keyPrefix}cache-invalidation`;
    const subscriber = redis.subscriber('cache-invalidation');
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) void this.applyRemote(message);
    });
    let subscribedOnce = false;
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).catch((error: unknown) => this.logger.warn({ error: String(error) }, 'cache invalidation subscribe failed'));
      // Deletions published while this subscription was away were missed: start clean.
      if (subscribedOnce) void this.inner.deleteByPrefix('');
      subscribedOnce = true;
    });
  }

  get<T>(key: string): Promise<T | undefined> {
    return this.inner.get<T>(key);
  }

  set<T>(key: string, value: T, options?: ReadCacheSetOptions): Promise<void> {
    return this.inner.set(key, value, options);
  }

  async delete(key: string): Promise<void> {
    await this.inner.delete(key);
    await this.publish('key', key);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const count = await this.inner.deleteByPrefix(prefix);
    await this.publish('prefix', prefix);
    return count;
  }

  async deleteByTag(tag: string): Promise<number> {
    const count = await this.inner.deleteByTag(tag);
    await this.publish('tag', tag);
    return count;
  }

  beginRead(): Promise<ReadTicket> {
    return this.inner.beginRead();
  }

  stats(): ReadCacheStats {
    return this.inner.stats();
  }

  private async publish(op: Invalidation['op'], arg: string): Promise<void> {
    const message: Invalidation = { origin: this.origin, op, arg };
    try {
      await this.redis.client.publish(this.channel, JSON.stringify(message));
    } catch (error) {
      // The other instances drop their whole cache when their subscription comes back.
      this.redis.noteFailure(error);
    }
  }

  private async applyRemote(raw: string): Promise<void> {
    let message: Invalidation;
    try {
      message = JSON.parse(raw) as Invalidation;
    } catch {
      return;
    }
    if (message.origin === this.origin) return;
    switch (message.op) {
      case 'key':
        return this.inner.delete(message.arg);
      case 'prefix':
        await this.inner.deleteByPrefix(message.arg);
        return;
      case 'tag':
        await this.inner.deleteByTag(message.arg);
        return;
    }
  }
}
