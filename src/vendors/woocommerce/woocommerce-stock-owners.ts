import { LRUCache } from 'lru-cache';
import type { StockChangeRequest } from '../vendor-source.ts';
import { parseWooNativeId, refNativeId } from './woocommerce-native-id.ts';
import type { WooStock } from './woocommerce-schemas.ts';

const REMEMBERED_VARIATIONS = 10_000;

/**
 * Which item's stock a write locks. A variation may sell from its parent's stock
 * (`manage_stock: "parent"`), and only a read tells; the lock must be taken before that read, and
 * taking the parent's lock after it could deadlock with a mutation that holds the parent. So the
 * lock keys follow what the last read of the variation showed (remembered here): its own stock,
 * or its parent's; never seen: both. The read under the lock verifies the guess, and a write whose
 * stock moved since (a shop setting changed) is not sent (WooStockWriter answers FAILED; a retry
 * locks the right item). Locking both always would serialize every sibling variation.
 */
export class WooStockOwners {
  private readonly seen = new LRUCache<string, 'own' | 'parent'>({ max: REMEMBERED_VARIATIONS });

  /** Native IDs of the items whose stock the request may write. */
  lockKeys(request: StockChangeRequest): string[] {
    const ref = parseWooNativeId(request.product?.inventoryRef ?? request.productNativeId);
    if (!ref) return [`?${request.productNativeId}`];
    // A loaded product names the item itself (`inventoryRef`: the variation, or the parent it sells from).
    if (request.product || ref.kind === 'product') return [refNativeId(ref)];
    const parent = String(ref.productId);
    switch (this.seen.get(refNativeId(ref))) {
      case 'own':
        return [refNativeId(ref)];
      case 'parent':
        return [parent];
      default:
        return [parent, refNativeId(ref)];
    }
  }

  /** Remembers, from a stock read keyed by native ID, whose stock each variation sells from. */
  learn(stocks: ReadonlyMap<string, WooStock>): void {
    for (const [nativeId, stock] of stocks) {
      if (nativeId.includes(':')) this.seen.set(nativeId, stock.manage_stock === 'parent' ? 'parent' : 'own');
    }
  }
}
