import { setTimeout as sleep } from 'node:timers/promises';
import { storeUnavailable } from '../store/store-unavailable.ts';
import type { RedisConnection } from './redis-connection.ts';
import { ACQUIRE_SCRIPT, EXTEND_SCRIPT, RELEASE_SCRIPT } from './redis-lease-scripts.ts';
import type { Lease, LeaseOptions, SharedLeases } from './shared-leases.ts';

const RETRY_MIN_MS = 10;
const RETRY_MAX_MS = 100;

/** SharedLeases on Redis: expiring keys, all-or-none by a Lua script, fencing tokens from one counter. */
export class RedisLeases implements SharedLeases {
  private readonly redis: RedisConnection;
  private readonly counterKey: string;

  constructor(redis: RedisConnection) {
    this.redis = redis;
    this.counterKey = `${redis.keyPrefix}fencing-token`;
  }

  async acquire(keys: readonly string[], options: LeaseOptions): Promise<Lease | null> {
    const names = [...new Set(keys)].sort().map((key) => this.redis.keyPrefix + key);
    let pause = RETRY_MIN_MS;
    for (;;) {
      const token = Number(await this.script('stockgraphLeaseAcquire', ACQUIRE_SCRIPT, [this.counterKey, ...names], [options.ttlMs]));
      if (token > 0) return this.lease(names, token);
      if (Date.now() + pause > options.waitUntil || options.signal?.aborted) return null;
      await sleep(pause + Math.floor(Math.random() * pause));
      pause = Math.min(RETRY_MAX_MS, pause * 2);
    }
  }

  async remainingMs(key: string): Promise<number> {
    try {
      return Math.max(0, await this.redis.client.pttl(this.redis.keyPrefix + key));
    } catch (error) {
      this.redis.noteFailure(error);
      throw storeUnavailable('Redis', error);
    }
  }

  private lease(names: readonly string[], token: number): Lease {
    return {
      keys: names.map((name) => name.slice(this.redis.keyPrefix.length)),
      fencingToken: token,
      extend: async (ttlMs) => Number(await this.script('stockgraphLeaseExtend', EXTEND_SCRIPT, names, [token, ttlMs])) === 1,
      release: async () => {
        await this.script('stockgraphLeaseRelease', RELEASE_SCRIPT, names, [token]).catch(() => undefined);
      },
    };
  }

  private async script(name: string, lua: string, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await this.redis.runScript(name, lua, keys, args);
    } catch (error) {
      this.redis.noteFailure(error);
      throw storeUnavailable('Redis', error);
    }
  }
}
