import type { Logger } from 'pino';
import type { StateStore } from '../store/state-store.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import type { OrderLine, UpstreamCallContext, VendorSource } from '../vendors/vendor-source.ts';
import { addDays, dayOf, daysBetween } from './calendar-day.ts';
import { addDecimals } from './decimal-sum.ts';

/** Units and revenue of one SKU at one vendor, one entry per day from `firstDay`. */
export interface SkuHistory {
  readonly units: readonly number[];
  /** Revenue over the whole history, a decimal string in the history's currency. */
  readonly revenue: string;
}

/** Daily demand of every SKU a vendor sold, over complete UTC days [firstDay, lastDay]. */
export interface VendorDemandHistory {
  readonly vendorId: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly currencyCode: string | null;
  readonly skus: ReadonlyMap<string, SkuHistory>;
  /** Changes whenever days are added: caches of derived figures key on it. */
  readonly version: string;
}

/** Units per day of `sku` (zeros where it did not sell, all zeros when it never did). */
export function unitsSeries(history: VendorDemandHistory, sku: string): readonly number[] {
  return history.skus.get(sku)?.units ?? new Array<number>(daysBetween(history.firstDay, history.lastDay) + 1).fill(0);
}

interface StoredMeta {
  readonly firstDay: string;
  readonly lastDay: string;
  readonly currencyCode: string | null;
}

/** Per stored day: SKU → [units, revenue]. */
type StoredDay = Record<string, [number, string]>;

export interface DemandHistoryOptions {
  readonly registry: VendorRegistry;
  readonly store: StateStore;
  readonly logger: Logger;
  readonly historyDays: (vendorId: string) => number;
  /** Epoch-ms clock (tests move it). */
  readonly now?: () => number;
  /** Longest a history fetch may take (its upstream calls outlive the request that started it). */
  readonly fetchTimeoutMs?: number;
}

const META_KEY = 'meta';

/**
 * Daily demand per SKU and vendor, built from the vendor's orders and kept in the state store
 * (namespace `demand-history:<vendorId>`, one entry per day with sales plus a `meta` entry).
 * Only complete UTC days are stored; a refresh fetches the days after the last stored one, so
 * the first call of a day costs a page or two and later calls cost nothing. One fetch per vendor
 * at a time (callers of the same vendor share it), detached from the request that started it:
 * a slow first load keeps going when that request's deadline passes, so the next caller gets it.
 */
export class DemandHistoryService {
  private readonly memory = new Map<string, VendorDemandHistory>();
  private readonly inFlight = new Map<string, Promise<VendorDemandHistory>>();
  private readonly options: DemandHistoryOptions;
  private readonly now: () => number;

  constructor(options: DemandHistoryOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** The vendor's history up to yesterday, or null when the vendor has no orders API. */
  async history(vendorId: string): Promise<VendorDemandHistory | null> {
    const source = this.options.registry.get(vendorId);
    if (!source.orderLines) return null;
    const known = this.memory.get(vendorId);
    if (known && known.lastDay >= addDays(dayOf(this.now()), -1)) return known;
    let flight = this.inFlight.get(vendorId);
    if (!flight) {
      flight = this.refresh(source).finally(() => this.inFlight.delete(vendorId));
      this.inFlight.set(vendorId, flight);
    }
    return flight;
  }

  private async refresh(source: VendorSource): Promise<VendorDemandHistory> {
    const vendorId = source.info.id;
    const namespace = `demand-history:${vendorId}`;
    const today = dayOf(this.now());
    const stored = this.memory.get(vendorId) ?? (await this.load(namespace, vendorId));
    const since = stored ? addDays(stored.lastDay, 1) : addDays(today, -this.options.historyDays(vendorId));
    if (since >= today && stored) return stored;
    const lines = await this.fetchLines(source, since, today);
    const days = aggregate(lines);
    const currencyCode = stored?.currencyCode ?? lines[0]?.revenue.currencyCode ?? null;
    const meta: StoredMeta = { firstDay: stored?.firstDay ?? since, lastDay: addDays(today, -1), currencyCode };
    const entries: Array<[string, string]> = [...days].map(([day, skus]) => [day, JSON.stringify(skus)]);
    await this.options.store.putValues(namespace, [...entries, [META_KEY, JSON.stringify(meta)]], this.now());
    const history = build(vendorId, meta, stored, days);
    this.memory.set(vendorId, history);
    this.options.logger.info({ vendorId, since, until: today, lines: lines.length }, 'demand history refreshed');
    return history;
  }

  private async fetchLines(source: VendorSource, since: string, until: string): Promise<OrderLine[]> {
    const timeoutMs = this.options.fetchTimeoutMs ?? 120_000;
    const ctx: UpstreamCallContext = {
      requestId: `demand-history-${source.info.id}`,
      logger: this.options.logger,
      signal: AbortSignal.timeout(timeoutMs),
      deadline: Date.now() + timeoutMs,
    };
    const lines: OrderLine[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await source.orderLines!(ctx, { since, until, cursor });
      lines.push(...page.lines);
      if (page.nextCursor === null) return lines;
      cursor = page.nextCursor;
    }
  }

  private async load(namespace: string, vendorId: string): Promise<VendorDemandHistory | null> {
    const metaText = (await this.options.store.getValues(namespace, [META_KEY])).get(META_KEY);
    if (!metaText) return null;
    const meta = JSON.parse(metaText) as StoredMeta;
    const dayKeys = Array.from({ length: daysBetween(meta.firstDay, meta.lastDay) + 1 }, (_, index) => addDays(meta.firstDay, index));
    const values = await this.options.store.getValues(namespace, dayKeys);
    const days = new Map([...values].map(([day, text]) => [day, JSON.parse(text) as StoredDay]));
    const history = build(vendorId, meta, null, days);
    this.memory.set(vendorId, history);
    return history;
  }
}

function aggregate(lines: readonly OrderLine[]): Map<string, StoredDay> {
  const days = new Map<string, StoredDay>();
  for (const line of lines) {
    const day = days.get(line.date) ?? {};
    days.set(line.date, day);
    const [units, revenue] = day[line.sku] ?? [0, '0'];
    day[line.sku] = [units + line.quantity, addDecimals(revenue, line.revenue.amount)];
  }
  return days;
}

/** The series of `previous` extended by `days` (new days after its last), up to meta.lastDay. */
function build(vendorId: string, meta: StoredMeta, previous: VendorDemandHistory | null, days: ReadonlyMap<string, StoredDay>): VendorDemandHistory {
  const length = daysBetween(meta.firstDay, meta.lastDay) + 1;
  const units = new Map<string, number[]>();
  const revenue = new Map<string, string>();
  for (const [sku, old] of previous?.skus ?? []) {
    units.set(sku, [...old.units, ...new Array<number>(length - old.units.length).fill(0)]);
    revenue.set(sku, old.revenue);
  }
  for (const [day, skus] of days) {
    const index = daysBetween(meta.firstDay, day);
    if (index < 0 || index >= length) continue;
    for (const [sku, [sold, earned]] of Object.entries(skus)) {
      let series = units.get(sku);
      if (!series) {
        series = new Array<number>(length).fill(0);
        units.set(sku, series);
      }
      series[index] = (series[index] ?? 0) + sold;
      revenue.set(sku, addDecimals(revenue.get(sku) ?? '0', earned));
    }
  }
  const skus = new Map([...units].map(([sku, series]) => [sku, { units: series, revenue: revenue.get(sku) ?? '0' }]));
  return { vendorId, firstDay: meta.firstDay, lastDay: meta.lastDay, currencyCode: meta.currencyCode, skus, version: `${meta.firstDay}..${meta.lastDay}` };
}
