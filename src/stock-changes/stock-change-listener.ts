import type { Logger } from 'pino';

/**
 * Told which SKUs' stock changed (after applied mutations and after a sync saw new levels).
 * The read cache invalidates them; later the `inventoryChanged` subscription feeds from it.
 */
export interface StockChangeListener {
  invalidate(productGlobalIds: readonly string[]): void | Promise<void>;
  /** The gateway's own mutation applied these changes (one per level, with before and after). */
  applied?(changes: readonly AppliedStockChange[]): void | Promise<void>;
}

/** One level a mutation changed, as the vendor answered it. */
export interface AppliedStockChange {
  readonly vendorId: string;
  readonly productId: string;
  readonly locationId: string;
  readonly before: number | null;
  readonly after: number | null;
  /** When the vendor says the level changed, else when the gateway saw the answer (ISO-8601). */
  readonly occurredAt: string;
}

/** Fans a change out to every subscribed listener; a failing listener is logged, never thrown. */
export class StockChangeNotifier implements StockChangeListener {
  private readonly listeners = new Set<StockChangeListener>();
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  /** Adds a listener; answers a function that removes it. */
  subscribe(listener: StockChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async invalidate(productGlobalIds: readonly string[]): Promise<void> {
    if (productGlobalIds.length === 0) return;
    const unique = [...new Set(productGlobalIds)];
    await this.each((listener) => listener.invalidate(unique), unique.length);
  }

  async applied(changes: readonly AppliedStockChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.each((listener) => listener.applied?.(changes), changes.length);
  }

  private async each(call: (listener: StockChangeListener) => void | Promise<void>, count: number): Promise<void> {
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await call(listener);
        } catch (error) {
          this.logger.error({ err: error, count }, 'a stock change listener failed');
        }
      }),
    );
  }
}
