import type { IncomingHttpHeaders } from 'node:http';
import type { LevelObservation } from '../events/level-knowledge.ts';

/** What the headers say about one delivery, read after its signature was verified. */
export interface WebhookDelivery {
  readonly topic: string;
  /**
   * Keys under which this delivery is remembered: a retry carrying any of them was applied
   * already (Shopify's webhook id and event id; WooCommerce's delivery id).
   */
  readonly dedupeKeys: readonly string[];
}

/**
 * One vendor's webhook dialect: how a delivery is signed, what its headers mean and how a
 * topic's payload becomes level observations. One implementation per platform.
 */
export interface WebhookProtocol {
  readonly vendorId: string;
  /** Verifies the signature over the raw body, in constant time; nothing is parsed before. */
  verify(headers: IncomingHttpHeaders, rawBody: Buffer): boolean;
  delivery(headers: IncomingHttpHeaders): WebhookDelivery;
  /** The levels a payload reports; null when the topic is not one this gateway uses. */
  observe(topic: string, payload: unknown): Promise<readonly LevelObservation[] | null>;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
