import { DAY_MS, DemoDemand, dayNumber, mix } from './demo-demand.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * The order history a demo simulator serves: each day's demand (DemoDemand) packed into orders
 * of one to four lines, timestamped through the day, generated lazily per day and cached.
 * A few extra orders are cancelled: they carry lines, but are not demand, so a client that
 * forgets to leave them out gets totals that do not match `unitsOn`.
 */

export interface DemoSellable<Ref> {
  readonly sku: string;
  readonly priceCents: number;
  /** The simulator's own handle on the item (variant, product id...), for its payloads. */
  readonly ref: Ref;
}

export interface DemoOrderLine<Ref> {
  readonly id: number;
  readonly item: DemoSellable<Ref>;
  readonly quantity: number;
  readonly totalCents: number;
}

export interface DemoOrder<Ref> {
  /** Increasing with time, so ids sort like creation times. */
  readonly id: number;
  readonly createdAtMs: number;
  readonly cancelled: boolean;
  readonly lines: ReadonlyArray<DemoOrderLine<Ref>>;
}

export interface DemoOrderBookOptions {
  readonly seed: number;
  /** Rate multiplier of this channel (see DemoDemand). */
  readonly scale?: number;
  /** Days of history before today (default 365). */
  readonly historyDays?: number;
  /** Epoch-ms clock: orders exist up to now (tests move it forward). */
  readonly now?: () => number;
}

const ID_BASE_DAY = 19_000;
const ORDERS_PER_DAY_CAP = 400;
const MAX_LINE_QUANTITY = 4;

export class DemoOrderBook<Ref> {
  readonly demand: DemoDemand;
  private readonly items: ReadonlyArray<DemoSellable<Ref>>;
  private readonly seed: number;
  private readonly historyDays: number;
  private readonly now: () => number;
  private readonly days = new Map<number, ReadonlyArray<DemoOrder<Ref>>>();

  constructor(items: ReadonlyArray<DemoSellable<Ref>>, options: DemoOrderBookOptions) {
    this.items = items;
    this.seed = options.seed;
    this.historyDays = options.historyDays ?? 365;
    this.now = options.now ?? Date.now;
    this.demand = new DemoDemand(options.seed, options.scale ?? 1);
  }

  /** The first day with orders (the shop's history starts here). */
  firstDay(): number {
    return dayNumber(this.now()) - this.historyDays;
  }

  /** Orders created in [fromMs, untilMs) and not after now, oldest first. */
  ordersBetween(fromMs: number, untilMs: number): Array<DemoOrder<Ref>> {
    const end = Math.min(untilMs, this.now() + 1);
    const orders: Array<DemoOrder<Ref>> = [];
    for (let day = Math.max(dayNumber(fromMs), this.firstDay()); day * DAY_MS < end; day += 1) {
      for (const order of this.ordersOn(day)) {
        if (order.createdAtMs >= fromMs && order.createdAtMs < end) orders.push(order);
      }
    }
    return orders;
  }

  /** The truth tests compare against: units of `sku` sold (not cancelled) on `day`. */
  unitsOn(sku: string, day: number): number {
    return day < this.firstDay() ? 0 : this.demand.units(sku, day);
  }

  private ordersOn(day: number): ReadonlyArray<DemoOrder<Ref>> {
    let orders = this.days.get(day);
    if (!orders) {
      orders = this.generate(day);
      this.days.set(day, orders);
    }
    return orders;
  }

  private generate(day: number): Array<DemoOrder<Ref>> {
    const random = new SeededRandom(mix(this.seed, 0x0bd3, day));
    const pending: Array<{ item: DemoSellable<Ref>; quantity: number }> = [];
    for (const item of this.items) {
      let units = this.demand.units(item.sku, day);
      while (units > 0) {
        const quantity = Math.min(units, random.int(1, MAX_LINE_QUANTITY));
        pending.push({ item, quantity });
        units -= quantity;
      }
    }
    shuffle(pending, random);
    const baskets: Array<{ cancelled: boolean; lines: Array<{ item: DemoSellable<Ref>; quantity: number }> }> = [];
    while (pending.length > 0) baskets.push({ cancelled: false, lines: pending.splice(0, random.pick([1, 1, 2, 2, 3, 4])) });
    // Now and then a customer cancels: a copy of a real basket that is not demand.
    const copied = baskets[random.int(0, Math.max(0, baskets.length - 1))];
    if (copied && random.chance(0.3)) baskets.push({ cancelled: true, lines: copied.lines.map((line) => ({ ...line })) });
    const times = baskets.map(() => random.int(0, DAY_MS / 1000 - 1)).sort((a, b) => a - b);
    return baskets.slice(0, ORDERS_PER_DAY_CAP).map((basket, index) => ({
      id: (day - ID_BASE_DAY) * ORDERS_PER_DAY_CAP + index,
      createdAtMs: day * DAY_MS + (times[index] ?? 0) * 1000,
      cancelled: basket.cancelled,
      lines: basket.lines.map((line, position) => ({
        id: ((day - ID_BASE_DAY) * ORDERS_PER_DAY_CAP + index) * 8 + position,
        item: line.item,
        quantity: line.quantity,
        totalCents: line.quantity * line.item.priceCents,
      })),
    }));
  }
}

function shuffle<T>(items: T[], random: SeededRandom): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    const held = items[index] as T;
    items[index] = items[other] as T;
    items[other] = held;
  }
}
