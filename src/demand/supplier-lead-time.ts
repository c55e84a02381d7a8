import type { PlanningConfig } from '../config/planning-config.ts';
import type { SupplierConfig } from '../config/purchasing-config.ts';
import type { LeadTimeSample, PurchaseOrderStore } from '../store/purchase-order-record.ts';
import type { SupplierDirectory } from './supplier-directory.ts';

const DAY_MS = 86_400_000;
/** Receipts older than this no longer describe the supplier. */
const WINDOW_DAYS = 365;

export const LeadTimeSource = {
  /** The vendor's `planning.leadTimeDays` (the SKU has no supplier). */
  PLANNING: 'PLANNING',
  /** The supplier's configured `leadTimeDays` (too few receipts measured yet). */
  CONFIGURED: 'CONFIGURED',
  /** Measured from receipts: submitted → first receipt of each order line. */
  MEASURED: 'MEASURED',
} as const;
export type LeadTimeSource = (typeof LeadTimeSource)[keyof typeof LeadTimeSource];

export interface MeasuredLeadTime {
  readonly meanDays: number | null;
  readonly p90Days: number | null;
  readonly stdDays: number | null;
  readonly samples: number;
}

export interface LeadTime {
  readonly supplierId: string | null;
  readonly leadTimeDays: number;
  readonly leadTimeStdDays: number;
  readonly source: LeadTimeSource;
}

/** Mean, 90th percentile (nearest rank) and sample standard deviation of lead times in days. */
export function measure(samples: readonly LeadTimeSample[]): MeasuredLeadTime {
  const days = samples.map((sample) => (sample.receivedAt - sample.submittedAt) / DAY_MS).sort((a, b) => a - b);
  if (days.length === 0) return { meanDays: null, p90Days: null, stdDays: null, samples: 0 };
  const mean = days.reduce((a, b) => a + b, 0) / days.length;
  const variance = days.length > 1 ? days.reduce((a, d) => a + (d - mean) ** 2, 0) / (days.length - 1) : 0;
  return { meanDays: mean, p90Days: days[Math.ceil(0.9 * days.length) - 1] ?? null, stdDays: Math.sqrt(variance), samples: days.length };
}

/**
 * Lead times by supplier, from the receipts the store measured. A SKU's lead time is, in order:
 * its own measured one when it has `minSamples` receipts, else its supplier's measured one with
 * `minSamples`, else the supplier's configured one, else the vendor's planning default. The
 * measured spread goes into the safety-stock formula (z·√(L·σ² + d̄²·σL²)).
 */
export class SupplierLeadTimes {
  private readonly store: PurchaseOrderStore;
  private readonly directory: SupplierDirectory;
  private readonly minSamples: number;
  private readonly now: () => number;

  constructor(options: { store: PurchaseOrderStore; directory: SupplierDirectory; minSamples: number; now: () => number }) {
    this.store = options.store;
    this.directory = options.directory;
    this.minSamples = options.minSamples;
    this.now = options.now;
  }

  /** Measured lead time of a supplier over the last year (all its SKUs). */
  async measured(supplierId: string): Promise<MeasuredLeadTime> {
    return measure(await this.samples(supplierId));
  }

  /** One lead time per SKU; one store read per supplier involved. */
  async forSkus(skus: readonly string[], planning: PlanningConfig): Promise<Map<string, LeadTime>> {
    const bySupplier = new Map<string, Promise<readonly LeadTimeSample[]>>();
    const answers = await Promise.all(
      skus.map(async (sku): Promise<[string, LeadTime]> => {
        const supplier = this.directory.forSku(sku);
        if (!supplier) return [sku, { supplierId: null, leadTimeDays: planning.leadTimeDays, leadTimeStdDays: planning.leadTimeStdDays, source: LeadTimeSource.PLANNING }];
        if (!bySupplier.has(supplier.id)) bySupplier.set(supplier.id, this.samples(supplier.id));
        return [sku, this.choose(supplier, sku, await bySupplier.get(supplier.id)!)];
      }),
    );
    return new Map(answers);
  }

  private choose(supplier: SupplierConfig, sku: string, samples: readonly LeadTimeSample[]): LeadTime {
    const own = measure(samples.filter((sample) => sample.sku === sku));
    const all = own.samples >= this.minSamples ? own : measure(samples);
    if (all.samples >= this.minSamples && all.meanDays !== null) {
      return { supplierId: supplier.id, leadTimeDays: Math.max(all.meanDays, 1 / 24), leadTimeStdDays: all.stdDays ?? 0, source: LeadTimeSource.MEASURED };
    }
    return { supplierId: supplier.id, leadTimeDays: supplier.leadTimeDays, leadTimeStdDays: supplier.leadTimeStdDays, source: LeadTimeSource.CONFIGURED };
  }

  private samples(supplierId: string): Promise<readonly LeadTimeSample[]> {
    return this.store.listLeadTimeSamples({ supplierId, since: this.now() - WINDOW_DAYS * DAY_MS });
  }
}
