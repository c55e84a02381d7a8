import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { RedisConnection } from '../scaleout/redis-connection.ts';
import type { InventoryChangeEvent, InventoryEventBus } from './inventory-event-bus.ts';

interface Envelope {
  readonly origin: string;
  readonly events: readonly InventoryChangeEvent[];
}

/** How many recent event ids each instance remembers to deliver an id at most once. */
const SEEN_IDS = 10_000;

/**
 * The InventoryEventBus of several instances: Redis pub/sub on one channel. An instance hands its
 * own events to its listeners at once (no round trip; they still arrive if Redis is down) and
 * publishes them for the others; an instance ignores its own echo. Every listener sees an event
 * id at most once, whatever path it came by (a recent-id window, SEEN_IDS).
 *
 * Pub/sub delivers at most once: an instance whose subscription is down misses what was
 * published meanwhile. Subscriptions are live views, not a log; a client that must not miss a
 * change re-reads the stock after reconnecting.
 */
export class RedisInventoryEventBus implements InventoryEventBus {
  private readonly redis: RedisConnection;
  private readonly channel: string;
  private readonly origin = randomUUID();
  private readonly listeners = new Set<(event: InventoryChangeEvent) => void>();
  private readonly seen = new LRUCache<string, true>({ max: SEEN_IDS });
  private readonly logger: Logger;
  private readonly subscribed: Promise<void>;

  constructor(redis: RedisConnection, logger: Logger) {
    this.redis = redis;
    this.logger = logger.child({ component: 'event-bus' });
    this.channel = `${redis.keyPrefix}inventory-events`;
    const subscriber = redis.subscriber('event-bus');
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.subscribed = new Promise((resolve) => {
      subscriber.on('ready', () => {
        subscriber
          .subscribe(this.channel)
          .then(() => resolve())
          .catch((error: unknown) => this.logger.warn({ error: String(error) }, 'event bus subscribe failed'));
      });
    });
  }

  /** Resolves once this instance hears the others (tests, start-up). */
  ready(): Promise<void> {
    return this.subscribed;
  }

  async publish(events: readonly InventoryChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.deliver(events);
    const envelope: Envelope = { origin: this.origin, events };
    try {
      await this.redis.client.publish(this.channel, JSON.stringify(envelope));
    } catch (error) {
      this.redis.noteFailure(error);
      this.logger.warn({ events: events.length }, 'Redis unreachable: inventory events reached this instance\'s subscribers only');
    }
  }

  subscribe(listener: (event: InventoryChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private receive(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (envelope.origin === this.origin || !Array.isArray(envelope.events)) return;
    this.deliver(envelope.events);
  }

  private deliver(events: readonly InventoryChangeEvent[]): void {
    for (const event of events) {
      if (this.seen.has(event.eventId)) continue;
      this.seen.set(event.eventId, true);
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ error: String(error), eventId: event.eventId }, 'inventory event listener failed');
        }
      }
    }
  }
}
