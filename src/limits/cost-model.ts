/**
 * What a field costs in upstream work, so that an operation's cost predicts the load it puts on
 * the vendors before anything runs. Units: one resolved object is 1; one call to one vendor is
 * VENDOR_CALL (about what resolving fifty objects costs the gateway); a full sync of one vendor is VENDOR_SYNC. A field that reaches "every vendor"
 * costs per vendor in the caller's scope (what the listing services fan out to).
 *
 * Fields not listed cost 1 per object they resolve (leaves cost nothing): they are served from
 * the gateway's own state (health, audit log, flags). A list's length is its `first` argument
 * when it has one, the named sizes below, or DEFAULT_LIST_SIZE.
 */
export const VENDOR_CALL = 50;
export const VENDOR_SYNC = 500;
/** Stock levels come in one batched read per vendor page; per product that is a share of one call. */
export const BATCHED_READ = 1;
/** Lists whose length the document cannot tell (locations of a product, suggestions of a vendor). */
export const DEFAULT_LIST_SIZE = 10;
export const ASSUMED_LOCATIONS = 5;

export interface CostScope {
  /** Vendors this caller may use (scope and integration flags). */
  readonly vendorCount: number;
}

type Args = Record<string, unknown>;

export interface FieldCostRule {
  /** Vendors one resolution of this field calls, and what each call weighs. */
  readonly vendors?: (args: Args, scope: CostScope) => number;
  readonly weight?: number;
  /** How many items this list field returns (overrides `first` and DEFAULT_LIST_SIZE); `parentArgs` are the arguments of the field it hangs under. */
  readonly listSize?: (args: Args, scope: CostScope, parentArgs: Args) => number;
}

const everyVendorUnless = (arg: string) => (args: Args, scope: CostScope) => (args[arg] ? 1 : scope.vendorCount);
const one = () => 1;
const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 1);
const changesOf = (args: Args) => lengthOf((args.input as { changes?: unknown } | undefined)?.changes);
/** Stock writes go out in per-vendor batches (a read-back and a write each), up to ~25 changes a call. */
const writeCalls = (args: Args, scope: CostScope) => Math.min(scope.vendorCount, changesOf(args)) + changesOf(args) / 25;

export const FIELD_COST_RULES: Readonly<Record<string, FieldCostRule>> = {
  'Query.products': { vendors: everyVendorUnless('vendorId'), weight: VENDOR_CALL },
  'Query.productsBySku': { vendors: (_args, scope) => scope.vendorCount, weight: VENDOR_CALL, listSize: (args, scope) => lengthOf(args.skus) * scope.vendorCount },
  'Query.product': { vendors: one, weight: VENDOR_CALL },
  'Query.vendors': { listSize: (_args, scope) => scope.vendorCount },
  'Vendor.products': { vendors: one, weight: VENDOR_CALL },
  'StandardizedProduct.inventoryLevels': { vendors: one, weight: BATCHED_READ, listSize: () => ASSUMED_LOCATIONS },
  // Locations: one cached list per vendor, shared by every level of a response (weight of a batched read).
  'Vendor.locations': { vendors: one, weight: BATCHED_READ, listSize: () => ASSUMED_LOCATIONS },
  'Query.location': { vendors: one, weight: BATCHED_READ },
  'StandardizedProduct.totalAvailable': { vendors: one, weight: BATCHED_READ },
  'StandardizedProduct.forecast': { vendors: one, weight: VENDOR_CALL },
  'StandardizedProduct.analytics': { vendors: one, weight: VENDOR_CALL },
  'Query.forecast': { vendors: one, weight: VENDOR_CALL },
  'Forecast.points': { listSize: (_args, _scope, parentArgs) => Number(parentArgs.horizonDays ?? 28) },
  'Query.reorderSuggestions': { vendors: one, weight: VENDOR_CALL },
  'Query.inventoryAnalytics': { vendors: one, weight: VENDOR_CALL },
  'Mutation.setInventoryQuantities': { vendors: writeCalls, weight: VENDOR_CALL },
  'Mutation.adjustInventoryQuantities': { vendors: writeCalls, weight: VENDOR_CALL },
  'InventoryChangesPayload.results': { listSize: (_args, _scope, parentArgs) => changesOf(parentArgs) },
  'Mutation.syncInventory': { vendors: everyVendorUnless('vendorId'), weight: VENDOR_SYNC, listSize: everyVendorUnless('vendorId') },
  // A background job paced by the vendor's budget: the load comes later, but it is this call's.
  'Mutation.startInventorySync': { vendors: one, weight: VENDOR_SYNC },
};
