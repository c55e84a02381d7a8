import type { PurchaseOrderHistory, PurchaseOrderRecord } from '../demand/purchase-order-history.ts';
import { DAY_MS, dayNumber, hashText, mix } from './demo-demand.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * A deterministic purchase-order history per demo vendor (what a purchasing app would hold):
 * about two orders a week over the last year, each vendor with its own typical lead time,
 * spread, late share and short-shipment rate, derived from the vendor id. Orders of the last
 * lead time are still open.
 */
export class DemoPurchaseOrders implements PurchaseOrderHistory {
  private readonly now: () => number;
  private readonly seed: number;

  constructor(options: { readonly now?: () => number; readonly seed?: number } = {}) {
    this.now = options.now ?? Date.now;
    this.seed = options.seed ?? 505;
  }

  async purchaseOrders(vendorId: string, since: number): Promise<readonly PurchaseOrderRecord[]> {
    return this.history(vendorId).filter((order) => order.orderedAt >= since);
  }

  history(vendorId: string): PurchaseOrderRecord[] {
    const salt = hashText(vendorId);
    const traits = new SeededRandom(mix(this.seed, salt, 0));
    const typicalLead = 4 + traits.int(0, 10);
    const spread = 0.5 + traits.next() * 3;
    const lateShare = 0.05 + traits.next() * 0.25;
    const shortShare = 0.05 + traits.next() * 0.2;
    const today = dayNumber(this.now());
    const orders: PurchaseOrderRecord[] = [];
    for (let day = today - 365; day < today; day += 1) {
      const random = new SeededRandom(mix(this.seed, salt, day));
      if (!random.chance(2 / 7)) continue;
      const orderedAt = day * DAY_MS + random.int(8, 17) * 3_600_000;
      const expectedAt = orderedAt + typicalLead * DAY_MS;
      const late = random.chance(lateShare);
      const leadDays = Math.max(1, typicalLead + (random.next() - 0.6) * spread * 2 + (late ? random.int(1, 6) : 0));
      const deliveredAt = orderedAt + Math.round(leadDays * 24) * 3_600_000;
      const orderedUnits = random.int(2, 40) * 5;
      const receivedUnits = random.chance(shortShare) ? Math.floor(orderedUnits * (0.6 + random.next() * 0.35)) : orderedUnits;
      const open = deliveredAt > this.now();
      orders.push({ id: `PO-${vendorId}-${String(day)}`, orderedAt, expectedAt, receivedAt: open ? null : deliveredAt, orderedUnits, receivedUnits: open ? 0 : receivedUnits });
    }
    return orders;
  }
}
