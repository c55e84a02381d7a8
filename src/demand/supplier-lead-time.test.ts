import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANNING } from '../config/planning-config.ts';
import type { LeadTimeSample, PurchaseOrderStore } from '../store/purchase-order-record.ts';
import { SupplierDirectory } from './supplier-directory.ts';
import { measure, SupplierLeadTimes } from './supplier-lead-time.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const sample = (sku: string, days: number, supplierId = 'north'): LeadTimeSample => ({ orderId: `PO-${sku}-${days}`, supplierId, sku, submittedAt: NOW - 30 * DAY, receivedAt: NOW - 30 * DAY + days * DAY });
const directory = new SupplierDirectory([
  { id: 'north', name: 'North', leadTimeDays: 7, leadTimeStdDays: 1, skus: ['SG-10*', 'BOLT-?'] },
  { id: 'catch-all', name: 'Any', leadTimeDays: 20, leadTimeStdDays: 0, skus: ['SG-*'] },
]);

function leadTimes(samples: LeadTimeSample[], minSamples = 3) {
  const reads: string[] = [];
  const store = { listLeadTimeSamples: async (filter: { supplierId?: string | null }) => (reads.push(filter.supplierId ?? '*'), samples.filter((s) => s.supplierId === filter.supplierId)) } as unknown as PurchaseOrderStore;
  return { service: new SupplierLeadTimes({ store, directory, minSamples, now: () => NOW }), reads };
}

describe('supplier lead times', () => {
  it('gives a SKU the first supplier whose patterns match', () => {
    expect(['SG-1001', 'SG-2000', 'BOLT-7', 'BOLT-77', 'NUT-1'].map((sku) => directory.forSku(sku)?.id ?? null)).toEqual(['north', 'catch-all', 'north', null, null]);
  });

  it('measures mean, nearest-rank p90 and sample standard deviation in days', () => {
    expect(measure([2, 4, 4, 4, 5, 5, 7, 9, 10, 30].map((days) => sample('SG-1000', days)))).toEqual({ meanDays: 8, p90Days: 10, stdDays: expect.closeTo(8.11, 2), samples: 10 });
    expect(measure([])).toEqual({ meanDays: null, p90Days: null, stdDays: null, samples: 0 });
  });

  it('uses the configured lead time until there are enough receipts, then the measured one with its spread', async () => {
    const few = leadTimes([sample('SG-1000', 3), sample('SG-1001', 5)]);
    expect((await few.service.forSkus(['SG-1000'], DEFAULT_PLANNING)).get('SG-1000')).toEqual({ supplierId: 'north', leadTimeDays: 7, leadTimeStdDays: 1, source: 'CONFIGURED' });
    const enough = leadTimes([sample('SG-1000', 3), sample('SG-1001', 5), sample('SG-1002', 4)]);
    const lead = await enough.service.forSkus(['SG-1000', 'SG-1005', 'NUT-1'], DEFAULT_PLANNING);
    expect(lead.get('SG-1000')).toEqual({ supplierId: 'north', leadTimeDays: 4, leadTimeStdDays: 1, source: 'MEASURED' });
    expect(lead.get('NUT-1')).toEqual({ supplierId: null, leadTimeDays: DEFAULT_PLANNING.leadTimeDays, leadTimeStdDays: DEFAULT_PLANNING.leadTimeStdDays, source: 'PLANNING' });
    expect(enough.reads).toEqual(['north']);
  });

  it('prefers the SKU\'s own receipts once it has enough of them', async () => {
    const { service } = leadTimes([sample('SG-1000', 10), sample('SG-1000', 10), sample('SG-1001', 1), sample('SG-1001', 1), sample('SG-1001', 1)], 2);
    const lead = await service.forSkus(['SG-1000', 'SG-1001'], DEFAULT_PLANNING);
    expect([lead.get('SG-1000')!.leadTimeDays, lead.get('SG-1001')!.leadTimeDays]).toEqual([10, 1]);
  });
});
