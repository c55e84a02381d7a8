import { describe, expect, it } from 'vitest';
import type { DemandRequestContext } from './demand-context.ts';
import type { VendorDemandHistory } from './demand-history.ts';
import type { StandardProduct } from '../model/standard-model.ts';
import type { ProductStockouts } from '../store/stockout-journal.ts';
import { historyStockoutDays } from './vendor-stockouts.ts';

const DAY = 86_400_000;
const at = (day: string): number => Date.parse(`${day}T00:00:00Z`);

const product = (id: string, inventoryTracked = true): StandardProduct =>
  ({ id, vendorId: 'woo', inventoryTracked, inventoryLevels: [{ locationId: 'L1', available: 0 }] }) as unknown as StandardProduct;

/** A request context with just what the stock-out lookup reads: products by SKU, the journal, the clock and the logger. */
function contextWith(productsBySku: Record<string, StandardProduct[]>, recorded: Record<string, ProductStockouts>) {
  const journalReads: string[][] = [];
  const ctx = {
    loaders: { forVendor: () => ({ productsBySku: { load: async (sku: string) => productsBySku[sku] ?? [] } }) },
    services: {
      demand: {
        now: () => at('2025-01-10'),
        stockouts: {
          products: async (_vendorId: string, ids: readonly string[]) => {
            journalReads.push([...ids]);
            return new Map(ids.filter((id) => recorded[id]).map((id) => [id, recorded[id]!] as const));
          },
        },
      },
      logger: { warn: () => {} },
    },
  } as unknown as DemandRequestContext;
  return { ctx, journalReads };
}

const history: VendorDemandHistory = {
  vendorId: 'woo',
  firstDay: '2025-01-01',
  lastDay: '2025-01-05',
  currencyCode: 'USD',
  skus: new Map(),
  version: 'v1',
};

describe('stock-out days of a vendor\'s SKUs', () => {
  it('reads the journal once for all SKUs and marks each SKU\'s own out-of-stock days', async () => {
    const { ctx, journalReads } = contextWith(
      { A: [product('pA')], B: [product('pB')], C: [product('pC', false)] },
      {
        pA: { L1: { spans: [[at('2025-01-02'), at('2025-01-04')]], outSince: null } },
        pC: { L1: { spans: [[at('2025-01-01'), at('2025-01-05')]], outSince: null } },
      },
    );
    const days = await historyStockoutDays(ctx, history, ['A', 'B', 'C']);
    expect(journalReads).toHaveLength(1);
    expect([...journalReads[0]!].sort()).toEqual(['pA', 'pB']);
    expect(days.get('A')).toEqual([false, true, true, false, false]);
    // Never out of stock, and an untracked product is never censored.
    expect(days.get('B')).toEqual([false, false, false, false, false]);
    expect(days.get('C')).toEqual([false, false, false, false, false]);
  });

  it('runs an open stock-out until now', async () => {
    const { ctx } = contextWith({ A: [product('pA')] }, { pA: { L1: { spans: [], outSince: at('2025-01-04') + DAY / 4 } } });
    expect((await historyStockoutDays(ctx, history, ['A'])).get('A')).toEqual([false, false, false, true, true]);
  });

  it('censors nothing when the journal cannot be read now', async () => {
    const { ctx } = contextWith({ A: [product('pA')] }, {});
    (ctx.services.demand.stockouts as unknown as { products: () => Promise<never> }).products = () => Promise.reject(new Error('store down'));
    expect((await historyStockoutDays(ctx, history, ['A'])).get('A')).toEqual([false, false, false, false, false]);
  });
});
