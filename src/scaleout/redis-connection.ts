import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redactCredentials, redactUrl } from '../config/redact-url.ts';
import type { RedisConfig } from '../config/shared-state-config.ts';

/** Whether Redis answered lately, for /ready and the degraded-mode decisions. */
export interface RedisHealth {
  readonly up: boolean;
  readonly lastError: string | null;
  readonly since: number;
}

/**
 * The instance's Redis clients: one for commands and scripts, one per subscriber (pub/sub needs
 * its own connection). Commands never queue while Redis is away (`enableOfflineQueue: false`):
 * they fail at once, so a write is refused before any vendor call and a read falls back to local
 * budgets instead of hanging. ioredis reconnects in the background; `onReconnect` listeners hear
 * it (the cache drops what it may have missed). The URL's password never reaches a log.
 */
export class RedisConnection {
  readonly client: Redis;
  readonly keyPrefix: string;
  private readonly config: RedisConfig;
  private readonly logger: Logger;
  private readonly subscribers: Redis[] = [];
  private readonly reconnectListeners = new Set<() => void>();
  private readonly definedScripts = new Set<string>();
  private healthState: RedisHealth = { up: false, lastError: 'not connected yet', since: Date.now() };

  constructor(config: RedisConfig, logger: Logger) {
    this.config = config;
    this.keyPrefix = config.keyPrefix;
    this.logger = logger.child({ component: 'redis', redis: redactUrl(config.url) });
    this.client = this.newClient('commands');
  }

  health(): RedisHealth {
    return this.healthState;
  }

  /** Resolves once connected or after `timeoutMs` (start-up goes on degraded: reads work without Redis). */
  async ready(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
  }

  /**
   * Runs a Lua script by its SHA (EVALSHA, loaded on first use by ioredis), so each call sends
   * the arguments only. `name` must be unique per script text.
   */
  runScript(name: string, lua: string, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    const commands = this.client as unknown as Record<string, (...argv: Array<string | number>) => Promise<unknown>>;
    if (!this.definedScripts.has(name)) {
      this.client.defineCommand(name, { lua }); // no fixed key count: it is passed first on each call
      this.definedScripts.add(name);
    }
    return commands[name]!.call(this.client, keys.length, ...keys, ...args);
  }

  /** A new connection for SUBSCRIBE; closed with the connection. */
  subscriber(role: string): Redis {
    const client = this.newClient(role);
    this.subscribers.push(client);
    return client;
  }

  /** Called each time the command connection comes back after a loss. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Records a failed command (the connection may still look open). */
  noteFailure(error: unknown): void {
    this.markDown(error);
  }

  async close(): Promise<void> {
    await Promise.all([this.client, ...this.subscribers].map((client) => client.quit().catch(() => client.disconnect())));
  }

  private newClient(role: string): Redis {
    const client = new Redis(this.config.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.config.commandTimeoutMs,
      connectTimeout: Math.max(1_000, this.config.commandTimeoutMs),
      retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000),
      lazyConnect: false,
    });
    client.on('error', (error: Error) => {
      if (role === 'commands') this.markDown(error);
    });
    client.on('ready', () => {
      if (role !== 'commands') return;
      const wasDown = !this.healthState.up;
      this.healthState = { up: true, lastError: null, since: Date.now() };
      if (wasDown) {
        this.logger.info('Redis reachable; shared budgets, locks and cache invalidation in force');
        for (const listener of this.reconnectListeners) listener();
      }
    });
    client.on('close', () => {
      if (role === 'commands') this.markDown(new Error('connection closed'));
    });
    return client;
  }

  private markDown(error: unknown): void {
    const message = redactCredentials(error instanceof Error ? error.message || error.name : String(error));
    if (this.healthState.up) {
      this.logger.warn({ error: message }, 'Redis unreachable: writes are refused (STORE_UNAVAILABLE), reads use local budgets');
      this.healthState = { up: false, lastError: message, since: Date.now() };
    } else if (this.healthState.lastError !== message) {
      this.healthState = { ...this.healthState, lastError: message };
    }
  }
}
