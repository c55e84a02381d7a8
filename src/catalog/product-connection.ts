import type { ProductFilter, StandardProduct } from '../model/standard-model.ts';

/** What the `products` resolvers return; `totalCount` is resolved lazily (it costs count calls). */
export interface ProductConnectionResult {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: StandardProduct }>;
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
  /** Vendors the listing spans and the filter, so `totalCount` can ask each vendor. */
  readonly scope: { readonly vendorIds: readonly string[]; readonly filter: ProductFilter };
}
