import type { RequestContext } from '../context/request-context.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { ErrorCode } from '../errors/error-code.ts';
import {
  InventoryChangeStatus,
  StockChangeRefusalCode,
  type InventoryChangeResult,
  type InventoryWriteOptions,
  type PreparedStockChanges,
  type StockChangeRequest,
  type StockWritePlan,
  type UpstreamCallContext,
} from '../vendors/vendor-source.ts';
import { InventoryUserErrorCode, type InventoryChangeOutcome, type InventoryUserError } from './inventory-payload.ts';
import type { PlannedChange } from './parse-changes.ts';

export type VendorBatchesAnswer =
  /** A change cannot be sent (unknown product, untracked, not stocked at the location): nothing was written anywhere. */
  | { readonly kind: 'refused'; readonly userErrors: readonly InventoryUserError[] }
  /** Every change was sent or failed; one outcome per change index. */
  | { readonly kind: 'sent'; readonly outcomes: ReadonlyMap<number, InventoryChangeOutcome> };

interface VendorBatch {
  readonly vendorId: string;
  readonly changes: readonly PlannedChange[];
  readonly requests: readonly StockChangeRequest[];
}

type PlannedBatch = VendorBatch & ({ readonly plan: StockWritePlan } | { readonly failure: GatewayError });

type PreparedBatch = VendorBatch & { readonly release: () => void } & ({ readonly prepared: PreparedStockChanges } | { readonly failure: GatewayError });

/**
 * Writes each vendor's changes through its StockWritePlanner, vendors in parallel, in phases:
 * 1. each vendor plans: the lookups the lock does not protect (which SKU or inventory item an ID
 *    names), batched;
 * 2. every vendor's levels are locked, joined in one synchronous step, so the locks of concurrent
 *    mutations cannot deadlock across vendors (KeyedMutex); then each vendor reads its levels,
 *    batched — that one read checks the input and gives `before`;
 * 3. only if no change anywhere is refused, each vendor commits; otherwise nothing is written and
 *    the refusals become user errors.
 * A vendor's locks are held from before its read until its commit settled, never across the
 * idempotency store's write. A vendor whose read or write fails as a whole fails only its own
 * changes (FAILED, with its error code); by the VendorSource contract a FAILED change was not
 * applied, so it may be sent again under the same idempotency key.
 */
export async function applyVendorBatches(
  ctx: RequestContext,
  callCtx: UpstreamCallContext,
  changes: readonly PlannedChange[],
  options: InventoryWriteOptions,
): Promise<VendorBatchesAnswer> {
  const planned = await Promise.all(
    [...groupByVendor(changes)].map(async ([vendorId, group]): Promise<PlannedBatch> => {
      const planner = ctx.services.registry.get(vendorId).stockWrites;
      const batch = { vendorId, changes: group, requests: group.map(toRequest) };
      try {
        return { ...batch, plan: await planner.plan(callCtx, batch.requests, options) };
      } catch (error) {
        return { ...batch, failure: publicError(error, vendorId) };
      }
    }),
  );
  // One synchronous step: every vendor's lock queues are joined before any grant is awaited.
  const grants = planned.map((batch) => ('plan' in batch ? batch.plan.lock() : Promise.resolve(() => undefined)));
  const prepared = await Promise.all(planned.map((batch, index) => prepare(batch, grants[index]!, callCtx)));
  try {
    const userErrors = prepared.flatMap(refusalsOf).sort((a, b) => Number(a.field[2]) - Number(b.field[2]));
    if (userErrors.length > 0) return { kind: 'refused', userErrors };
    const outcomes = new Map<number, InventoryChangeOutcome>();
    await Promise.all(prepared.map((batch) => commit(batch, callCtx, outcomes)));
    return { kind: 'sent', outcomes };
  } finally {
    for (const batch of prepared) batch.release();
  }
}

async function prepare(batch: PlannedBatch, granted: Promise<() => void>, callCtx: UpstreamCallContext): Promise<PreparedBatch> {
  const release = await granted;
  if ('failure' in batch) return { ...batch, release };
  try {
    return { ...batch, release, prepared: await batch.plan.prepare(callCtx) };
  } catch (error) {
    return { ...batch, release, failure: publicError(error, batch.vendorId) };
  }
}

async function commit(batch: PreparedBatch, callCtx: UpstreamCallContext, outcomes: Map<number, InventoryChangeOutcome>): Promise<void> {
  try {
    if ('failure' in batch) throw batch.failure;
    const results = await batch.prepared.commit(callCtx);
    batch.changes.forEach((change, position) => {
      const result = results[position];
      outcomes.set(change.index, result ? outcomeOf(change, result) : failedOutcome(change, new GatewayError(ErrorCode.VENDOR_ERROR, `${batch.vendorId} answered no result for this change`, { vendorId: batch.vendorId })));
    });
  } catch (error) {
    const failure = publicError(error, batch.vendorId);
    for (const change of batch.changes) outcomes.set(change.index, failedOutcome(change, failure));
  } finally {
    batch.release();
  }
}

/** `on` says which of the change's references a refusal is about; the user error names the field the change used for it. */
const REFUSALS: Record<StockChangeRefusalCode, { code: InventoryUserErrorCode; on: 'product' | 'location'; message: string }> = {
  [StockChangeRefusalCode.PRODUCT_NOT_FOUND]: { code: InventoryUserErrorCode.PRODUCT_NOT_FOUND, on: 'product', message: 'No product with this ID' },
  [StockChangeRefusalCode.INVENTORY_NOT_TRACKED]: { code: InventoryUserErrorCode.INVENTORY_NOT_TRACKED, on: 'product', message: 'The vendor does not track stock for this product' },
  [StockChangeRefusalCode.LOCATION_NOT_FOUND]: { code: InventoryUserErrorCode.LOCATION_NOT_FOUND, on: 'location', message: 'The product is not stocked at this location' },
};

function refusalsOf(batch: PreparedBatch): InventoryUserError[] {
  if (!('prepared' in batch)) return [];
  return batch.changes.flatMap((change, position) => {
    const refusal = batch.prepared.refusals[position];
    if (!refusal) return [];
    const { code, on, message } = REFUSALS[refusal.code];
    const field = on === 'product' ? change.productField : change.locationField;
    return [{ field: ['input', 'changes', String(change.index), field], code, message }];
  });
}

function groupByVendor(changes: readonly PlannedChange[]): Map<string, PlannedChange[]> {
  const byVendor = new Map<string, PlannedChange[]>();
  for (const change of changes) byVendor.set(change.vendorId, [...(byVendor.get(change.vendorId) ?? []), change]);
  return byVendor;
}

function toRequest(change: PlannedChange): StockChangeRequest {
  return {
    productNativeId: change.productNativeId,
    locationNativeId: change.locationNativeId,
    mode: change.mode,
    ...(change.mode === 'set' ? { quantity: change.amount } : { delta: change.amount }),
    compareQuantity: change.compareQuantity,
  };
}

function outcomeOf(change: PlannedChange, result: InventoryChangeResult): InventoryChangeOutcome {
  const { productId, locationId } = change;
  return {
    productId,
    locationId,
    status: result.status,
    before: result.before,
    after: result.after,
    level: result.level,
    error: result.error,
    ...(result.outcomeUnknown ? { outcomeUnknown: true } : {}),
  };
}

function failedOutcome(change: { productId: string; locationId: string }, error: GatewayError): InventoryChangeOutcome {
  return { productId: change.productId, locationId: change.locationId, status: InventoryChangeStatus.FAILED, before: null, after: null, level: null, error: { code: error.code, message: error.message } };
}

/** GatewayErrors carry safe messages; anything else is masked. */
function publicError(error: unknown, vendorId: string): GatewayError {
  return error instanceof GatewayError ? error : new GatewayError(ErrorCode.VENDOR_ERROR, `${vendorId} failed to apply the changes`, { vendorId });
}
