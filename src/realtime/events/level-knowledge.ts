import type { StateStore } from '../../store/state-store.ts';

/** A level as a vendor reported it (webhook, poll) or a mutation left it. */
export interface LevelObservation {
  readonly vendorId: string;
  readonly productId: string;
  readonly locationId: string;
  /** Null when the vendor no longer stocks the item there. */
  readonly available: number | null;
  /** The vendor's time of the change (ISO-8601); null when it gives none (then: now). */
  readonly updatedAt: string | null;
  readonly sku?: string | null;
}

/** An observation that changed what the gateway knew. */
export interface ObservedChange extends LevelObservation {
  readonly before: number | null;
  readonly occurredAt: string;
}

interface KnownLevel {
  readonly available: number | null;
  readonly at: number;
}

export const levelKnowledgeNamespace = (vendorId: string): string => `realtime-levels:${vendorId}`;
const levelKey = (observation: { productId: string; locationId: string }): string => `${observation.productId}|${observation.locationId}`;

/**
 * What the gateway last knew of each level (available and the vendor's time of it), kept in the
 * state store's key/value space so that ordering survives a restart. Vendors retry and reorder
 * deliveries (WooCommerce gives each retry a new delivery id), so an observation is a change only
 * when it is newer than what is known AND its quantity differs: an older one is ignored, and the
 * echo of the gateway's own write (same quantity) is not a second event.
 *
 * Callers serialize observations per vendor (the webhook queue and the poller do), so the
 * read-compare-write below does not race with itself inside one process.
 */
export class LevelKnowledge {
  private readonly store: StateStore;
  private readonly now: () => number;

  constructor(store: StateStore, now: () => number = Date.now) {
    this.store = store;
    this.now = now;
  }

  /** Keeps and answers the observations that change what is known, with the quantity before. */
  async observe(observations: readonly LevelObservation[]): Promise<ObservedChange[]> {
    const changes: ObservedChange[] = [];
    for (const [vendorId, group] of groupByVendor(observations)) {
      const namespace = levelKnowledgeNamespace(vendorId);
      const known = await this.store.getValues(namespace, group.map(levelKey));
      const updates = new Map<string, KnownLevel>();
      for (const observation of group) {
        const key = levelKey(observation);
        const previous = updates.get(key) ?? parseKnown(known.get(key));
        const at = observation.updatedAt ? Date.parse(observation.updatedAt) : this.now();
        if (previous && at < previous.at) continue;
        if (previous && previous.available === observation.available) {
          if (at > previous.at) updates.set(key, { available: previous.available, at });
          continue;
        }
        updates.set(key, { available: observation.available, at });
        changes.push({ ...observation, before: previous?.available ?? null, occurredAt: new Date(at).toISOString() });
      }
      if (updates.size > 0) {
        await this.store.putValues(namespace, [...updates].map(([key, level]) => [key, JSON.stringify(level)] as const), this.now());
      }
    }
    return changes;
  }

  /**
   * Records levels without publishing: the gateway's own writes (so the vendor's echo is not news)
   * and a poller's baseline. Times are floored to the second: vendors stamp changes in whole
   * seconds (Shopify `updated_at`, WooCommerce `date_modified_gmt`), so a sale in the same second
   * as our write must not look older than it.
   */
  async record(observations: readonly LevelObservation[]): Promise<void> {
    for (const [vendorId, group] of groupByVendor(observations)) {
      const secondOf = (o: LevelObservation) => Math.floor((o.updatedAt ? Date.parse(o.updatedAt) : this.now()) / 1000) * 1000;
      const entries = group.map((o) => [levelKey(o), JSON.stringify({ available: o.available, at: secondOf(o) })] as const);
      await this.store.putValues(levelKnowledgeNamespace(vendorId), entries, this.now());
    }
  }
}

function parseKnown(text: string | undefined): KnownLevel | null {
  if (text === undefined) return null;
  const value = JSON.parse(text) as KnownLevel;
  return typeof value.at === 'number' ? value : null;
}

function groupByVendor(observations: readonly LevelObservation[]): Map<string, LevelObservation[]> {
  const groups = new Map<string, LevelObservation[]>();
  for (const observation of observations) {
    const group = groups.get(observation.vendorId) ?? [];
    group.push(observation);
    groups.set(observation.vendorId, group);
  }
  return groups;
}
