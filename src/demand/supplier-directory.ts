import picomatch from 'picomatch';
import type { SupplierConfig } from '../config/purchasing-config.ts';

/**
 * The configured suppliers (whom SKUs are bought from; not vendors, which are sales channels)
 * with their SKU patterns compiled once. A SKU's supplier is the first whose patterns match.
 */
export class SupplierDirectory {
  private readonly suppliers: readonly SupplierConfig[];
  private readonly matchers: ReadonlyArray<(sku: string) => boolean>;

  constructor(suppliers: readonly SupplierConfig[]) {
    this.suppliers = suppliers;
    this.matchers = suppliers.map((supplier) => picomatch(supplier.skus));
  }

  all(): readonly SupplierConfig[] {
    return this.suppliers;
  }

  get(id: string): SupplierConfig | null {
    return this.suppliers.find((supplier) => supplier.id === id) ?? null;
  }

  forSku(sku: string): SupplierConfig | null {
    const index = this.matchers.findIndex((matches) => matches(sku));
    return index < 0 ? null : (this.suppliers[index] ?? null);
  }
}
