import type { Logger } from 'pino';

/**
 * Told which SKUs' stock changed (after applied mutations and after a sync saw new levels).
 * The read cache invalidates them; later the `inventoryChanged` subscription feeds from it.
 */
export interface StockChangeListener {
  invalidate(productGlobalIds: readonly string[]): void | Promise<void>;
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
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener.invalidate(unique);
        } catch (error) {
          this.logger.error({ err: error, products: unique.length }, 'a stock change listener failed');
        }
      }),
    );
  }
}
