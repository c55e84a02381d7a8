import type { StateStore } from '../../store/state-store.ts';

export const deliveryNamespace = (vendorId: string): string => `webhook-deliveries:${vendorId}`;

/**
 * Which deliveries were applied, kept in the state store's key/value space (so a restarted
 * gateway does not apply a retry again) for `ttlMs` — longer than vendors keep retrying
 * (Shopify: 8 times over 4 hours; WooCommerce: 5 failures disable the hook). Values hold the
 * expiry; an expired entry counts as absent.
 */
export class DeliveryLog {
  private readonly store: StateStore;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(store: StateStore, ttlMs: number, now: () => number = Date.now) {
    this.store = store;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  async seen(vendorId: string, keys: readonly string[]): Promise<boolean> {
    if (keys.length === 0) return false;
    const found = await this.store.getValues(deliveryNamespace(vendorId), keys);
    const now = this.now();
    return [...found.values()].some((expiresAt) => Number(expiresAt) > now);
  }

  async remember(vendorId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const expiresAt = String(this.now() + this.ttlMs);
    await this.store.putValues(deliveryNamespace(vendorId), keys.map((key) => [key, expiresAt] as const), this.now());
  }
}
