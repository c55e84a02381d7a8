import type { StateStore } from './state-store.ts';

/** A level as it became: what the journal needs of any stock change (mutation, sync, webhook, poll). */
export interface LevelChange {
  readonly vendorId: string;
  /** Global IDs. */
  readonly productId: string;
  readonly locationId: string;
  /** Null when the vendor no longer stocks the item there (counts as none available). */
  readonly after: number | null;
  /** ISO-8601 instant of the change. */
  readonly occurredAt: string;
}

/** When one location of one product had nothing available: closed spans plus the open one, if any. */
export interface LocationStockouts {
  /** [from, to) in epoch ms, oldest first. */
  readonly spans: ReadonlyArray<readonly [number, number]>;
  /** Out of stock since this instant and not restocked since; null when in stock. */
  readonly outSince: number | null;
}

/** Per location id. */
export type ProductStockouts = Readonly<Record<string, LocationStockouts>>;

export const stockoutNamespace = (vendorId: string): string => `stockouts:${vendorId}`;

const DAY_MS = 86_400_000;
/** Spans older than this are dropped on write: demand histories are shorter (planning `historyDays`). */
const KEEP_MS = 800 * DAY_MS;

/**
 * Out-of-stock spans per product and location, kept in the state store's key/value space (one
 * entry per product: `stockouts:<vendorId>` / productId), so both engines hold it without a
 * migration. Demand on a day without stock is censored, not zero: forecasts read these spans
 * to treat such days as missing. Only the instant a level reached 0 and the instant it left 0
 * are stored, written where every stock change passes (the realtime publisher, serialised per
 * vendor), so the record grows with stock-outs, not with changes.
 */
export class StockoutJournal {
  private readonly store: StateStore;
  private readonly now: () => number;

  constructor(store: StateStore, now: () => number = Date.now) {
    this.store = store;
    this.now = now;
  }

  /** Applies changes (any order within a call is taken by `occurredAt`); writes only products that changed. */
  async record(changes: readonly LevelChange[]): Promise<void> {
    const byVendor = new Map<string, LevelChange[]>();
    for (const change of changes) byVendor.set(change.vendorId, [...(byVendor.get(change.vendorId) ?? []), change]);
    for (const [vendorId, group] of byVendor) {
      const known = await this.products(vendorId, [...new Set(group.map((c) => c.productId))]);
      const updated = new Map<string, Record<string, LocationStockouts>>();
      const ordered = [...group].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
      for (const change of ordered) {
        const product = updated.get(change.productId) ?? { ...(known.get(change.productId) ?? {}) };
        const next = apply(product[change.locationId], change, this.now());
        if (next === undefined || next === product[change.locationId]) continue;
        product[change.locationId] = next;
        updated.set(change.productId, product);
      }
      if (updated.size > 0) {
        await this.store.putValues(stockoutNamespace(vendorId), [...updated].map(([id, record]) => [id, JSON.stringify(record)] as const), this.now());
      }
    }
  }

  /** The stock-outs recorded for these products (products never out of stock are absent). */
  async products(vendorId: string, productIds: readonly string[]): Promise<Map<string, ProductStockouts>> {
    const values = await this.store.getValues(stockoutNamespace(vendorId), productIds);
    return new Map([...values].map(([id, text]) => [id, JSON.parse(text) as ProductStockouts]));
  }
}

/** The location's record after one change; `current` itself when nothing changed. */
function apply(current: LocationStockouts | undefined, change: LevelChange, now: number): LocationStockouts | undefined {
  const at = Number.isFinite(Date.parse(change.occurredAt)) ? Date.parse(change.occurredAt) : now;
  const empty = change.after === null || change.after <= 0;
  const record = current ?? { spans: [], outSince: null };
  if (empty && record.outSince === null) return { spans: recent(record.spans, now), outSince: at };
  if (!empty && record.outSince !== null) {
    const span = [record.outSince, Math.max(at, record.outSince)] as const;
    return { spans: recent([...record.spans, span], now), outSince: null };
  }
  return current;
}

const recent = (spans: LocationStockouts['spans'], now: number): LocationStockouts['spans'] => spans.filter(([, to]) => to >= now - KEEP_MS);
