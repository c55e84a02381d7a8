/**
 * The stream of stock changes the gateway knows about: its own mutations, sync jobs, vendor
 * webhooks and polling. Subscriptions (`inventoryChanged`), cache invalidation and MCP read it.
 * One process uses the in-memory bus; several instances share one through Redis pub/sub.
 */
export const InventoryChangeSource = {
  WEBHOOK: 'WEBHOOK',
  MUTATION: 'MUTATION',
  SYNC: 'SYNC',
  POLL: 'POLL',
} as const;
export type InventoryChangeSource = (typeof InventoryChangeSource)[keyof typeof InventoryChangeSource];

export interface InventoryChangeEvent {
  /** Unique per change; a bus delivers each id at most once per subscriber, also across instances. */
  readonly eventId: string;
  readonly vendorId: string;
  /** Global ID of the StandardizedProduct. */
  readonly productId: string;
  readonly sku: string | null;
  /** Global ID of the level's location (InventoryLevel.locationId). */
  readonly locationId: string;
  readonly before: number | null;
  readonly after: number | null;
  readonly source: InventoryChangeSource;
  /** ISO-8601 instant the change happened (the vendor's time when it gives one). */
  readonly occurredAt: string;
}

export interface InventoryEventBus {
  /** Delivers to every subscriber of every instance sharing the bus; resolves once handed over. */
  publish(events: readonly InventoryChangeEvent[]): Promise<void>;
  /** Adds a listener for every event published from now on; answers a function that removes it. */
  subscribe(listener: (event: InventoryChangeEvent) => void): () => void;
  close(): Promise<void>;
}
