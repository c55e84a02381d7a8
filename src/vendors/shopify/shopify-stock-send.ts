import { createHash } from 'node:crypto';
import { ErrorCode } from '../../errors/error-code.ts';
import { GatewayError, UpstreamError } from '../../errors/gateway-error.ts';
import type { InventoryLevel } from '../../model/standard-model.ts';
import { outcomeUnknownResult } from '../stock-writes/write-outcome.ts';
import {
  InventoryChangeStatus,
  type InventoryChange,
  type InventoryChangeResult,
  type InventoryWriteOptions,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import type { ShopifyClient, ShopifyOperation } from './shopify-client.ts';
import { appliedResults, type SentEntry } from './shopify-applied-changes.ts';
import { MUTATION_COST, MAX_PAGE_SIZE } from './shopify-cost-plan.ts';
import { INVENTORY_ADJUST_QUANTITIES, INVENTORY_SET_QUANTITIES } from './shopify-documents.ts';
import {
  adjustQuantitiesDataSchema,
  setQuantitiesDataSchema,
  type ShopifyInventoryMutationPayload,
  type ShopifyUserError,
} from './shopify-schemas.ts';
/** Reasons Shopify accepts; any other reason text is sent as "correction". */
const SHOPIFY_REASONS: ReadonlySet<string> = new Set([
  'correction', 'cycle_count_available', 'damaged', 'movement_canceled', 'movement_created', 'movement_received',
  'movement_updated', 'other', 'promotion', 'quality_control', 'received', 'reservation_created',
  'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage',
]);
const STALE_CODES: ReadonlySet<string> = new Set(['CHANGE_FROM_QUANTITY_STALE', 'COMPARE_QUANTITY_STALE']);

const setOperation: ShopifyOperation<{ inventorySetQuantities: ShopifyInventoryMutationPayload }> = {
  name: 'InventorySetQuantities',
  document: INVENTORY_SET_QUANTITIES,
  data: setQuantitiesDataSchema,
};
const adjustOperation: ShopifyOperation<{ inventoryAdjustQuantities: ShopifyInventoryMutationPayload }> = {
  name: 'InventoryAdjustQuantities',
  document: INVENTORY_ADJUST_QUANTITIES,
  data: adjustQuantitiesDataSchema,
};

/** A change with the level the planner read for it (null where none was read). */
export interface ShopifyWrite extends InventoryChange {
  readonly known: InventoryLevel | null;
}

/** Reads the current level of each change again; null where the item is no longer stocked there. */
export type ShopifyLevelReader = (ctx: UpstreamCallContext, changes: readonly InventoryChange[]) => Promise<ReadonlyArray<InventoryLevel | null>>;

type Slot = { readonly index: number; readonly change: ShopifyWrite; readonly attempt: number };

/** Sends of one batch after CHANGE_FROM_QUANTITY_STALE before the change is given up (FAILED, retryable). */
const MAX_STALE_ATTEMPTS = 4;
const KEY_MISMATCH = 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH';

/** What one call's batches share: where the levels stand as far as this call knows. */
interface WriteRun {
  readonly client: ShopifyClient;
  readonly ctx: UpstreamCallContext;
  readonly options: InventoryWriteOptions;
  readonly reread: ShopifyLevelReader;
  readonly results: Array<InventoryChangeResult | undefined>;
  /** available per item@location: the planner's read, then each APPLIED entry's after, or a fresh read. */
  readonly levels: Map<string, number>;
  /** The last level read per item@location (name, on hand). */
  readonly known: Map<string, InventoryLevel>;
}

/**
 * Applies stock changes with `inventorySetQuantities` / `inventoryAdjustQuantities` (2026-07):
 * runs of consecutive changes of one mode, up to 250 entries per call (a set batch never holds
 * the same item and location twice, which Shopify refuses).
 *
 * `changeFromQuantity` is mandatory on every entry from 2026-04 (shopify.dev,
 * InventoryChangeInput: "you must explicitly pass in a value, even if that value is null").
 * An adjust sends the level the planner read (or the caller's compareQuantity), so an APPLIED
 * answer proves `before` and `after = before + delta` without `quantityAfterChange`, which
 * Shopify documents as nullable (shopify-applied-changes.ts). CHANGE_FROM_QUANTITY_STALE on a
 * base we read means another channel moved the level: read it again and resend, within the
 * deadline; on the caller's own compareQuantity it is a CONFLICT. A set sends the caller's
 * compareQuantity or null (a set is absolute; its delta gives `before`).
 *
 * Each call carries `@idempotent(key:)`: sha256 of the client's idempotency key, the vendor and
 * the batch's INTENT (entries with the caller's compareQuantity, not our read, plus the number of
 * stale resends), so a client's retry of a mutation whose answer was lost reuses the key. Its
 * fresh read then differs from the first send's, and Shopify answers KEY_PARAMETER_MISMATCH; if
 * the first send was applied, the level now stands at its base + the batch's deltas, so the batch
 * is sent once more with that base: Shopify replays the first result (exact before and after).
 * A second mismatch cannot be settled: FAILED, VENDOR_OUTCOME_UNKNOWN, never re-sent.
 * Shopify applies a batch atomically: when it answers userErrors nothing was applied, so the
 * entries without an error are sent again as a new batch (new content, new key).
 */
export async function sendShopifyStockChanges(
  client: ShopifyClient,
  ctx: UpstreamCallContext,
  changes: readonly ShopifyWrite[],
  options: InventoryWriteOptions,
  reread: ShopifyLevelReader,
): Promise<InventoryChangeResult[]> {
  const results: Array<InventoryChangeResult | undefined> = changes.map((change) => invalidChange(change));
  const run: WriteRun = { client, ctx, options, reread, results, levels: new Map(), known: new Map() };
  for (const change of changes) {
    const pair = pairOf(change);
    if (change.known && !run.known.has(pair)) {
      run.known.set(pair, change.known);
      run.levels.set(pair, change.known.available);
    }
  }
  const valid = changes.flatMap((change, index) => (results[index] ? [] : [{ index, change, attempt: 0 }]));
  const batches = planWriteBatches(valid);
  for (const [position, batch] of batches.entries()) {
    try {
      await applyBatch(run, batch);
    } catch (error) {
      if (position === 0) throw error; // nothing applied yet: the whole call failed
      const failure = failed(error instanceof GatewayError ? error.code : 'VENDOR_ERROR', error instanceof Error ? error.message : 'shopify write failed');
      for (const rest of batches.slice(position)) for (const slot of rest) results[slot.index] ??= failure;
      break;
    }
  }
  return results.map((result) => result ?? failed('VENDOR_ERROR', 'shopify did not report this change'));
}

/** Consecutive runs of one mode, ≤250 entries, no repeated item+location inside a set batch. */
export function planWriteBatches<S extends { readonly change: InventoryChange }>(slots: readonly S[]): S[][] {
  const batches: S[][] = [];
  let current: S[] = [];
  let pairs = new Set<string>();
  for (const slot of slots) {
    const pair = pairOf(slot.change);
    const previous = current[0];
    const split = previous !== undefined && (
      previous.change.mode !== slot.change.mode ||
      current.length >= MAX_PAGE_SIZE ||
      (slot.change.mode === 'set' && pairs.has(pair)));
    if (split) {
      batches.push(current);
      current = [];
      pairs = new Set();
    }
    current.push(slot);
    pairs.add(pair);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The `@idempotent` key of one batch: stable for the same client key, vendor and input. */
export function batchIdempotencyKey(clientKey: string, vendorId: string, operation: string, input: unknown): string {
  return createHash('sha256').update(JSON.stringify([clientKey, vendorId, operation, input])).digest('hex');
}

async function applyBatch(run: WriteRun, batch: readonly Slot[]): Promise<void> {
  let pending = [...batch];
  let probed = false;
  while (pending.length > 0) {
    const entries = sentEntries(run, pending);
    let payload: ShopifyInventoryMutationPayload;
    try {
      payload = await send(run, pending, entries);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.vendorCode !== KEY_MISMATCH) throw error;
      if (probed || !(await baseBeforeFirstSend(run, pending))) {
        for (const slot of pending) run.results[slot.index] ??= outcomeUnknownResult(null, null, 'shopify had seen this idempotency key with other quantities and the earlier answer could not be recovered');
        return;
      }
      probed = true;
      continue;
    }
    probed = false;
    if (payload.userErrors.length === 0) {
      for (const [index, result] of appliedResults(run.client.vendorId, entries, payload, run.ctx.logger)) {
        run.results[index] = result;
        const slot = pending.find((candidate) => candidate.index === index);
        if (slot && result.after !== null) run.levels.set(pairOf(slot.change), result.after);
      }
      return;
    }
    pending = await afterUserErrors(run, pending, payload.userErrors);
  }
}

/** Records the refused entries; answers what to send next (the rest, and stale entries on a fresh read). */
async function afterUserErrors(run: WriteRun, pending: readonly Slot[], userErrors: readonly ShopifyUserError[]): Promise<Slot[]> {
  const errored = new Set<number>();
  const stale: Slot[] = [];
  for (const userError of userErrors) {
    const position = entryPosition(userError);
    const targets = position === null ? pending : pending.slice(position, position + 1);
    for (const slot of targets) {
      if (errored.has(slot.index)) continue;
      errored.add(slot.index);
      const ours = STALE_CODES.has(userError.code ?? '') && slot.change.mode === 'adjust' && slot.change.compareQuantity == null;
      if (ours) stale.push(slot);
      else run.results[slot.index] ??= userErrorResult(userError);
    }
  }
  if (errored.size === 0) {
    for (const slot of pending) run.results[slot.index] ??= failed('VENDOR_REJECTED', 'shopify refused the batch');
    return [];
  }
  const retry = await readAgain(run, stale);
  return pending.filter((slot) => !errored.has(slot.index) || retry.has(slot.index)).map((slot) => retry.get(slot.index) ?? slot);
}

/** Another channel moved these levels since our read: read them again, or give up past the deadline. */
async function readAgain(run: WriteRun, stale: readonly Slot[]): Promise<Map<number, Slot>> {
  const retry = new Map<number, Slot>();
  if (stale.length === 0) return retry;
  const exhausted = Date.now() >= run.ctx.deadline || stale.some((slot) => slot.attempt + 1 >= MAX_STALE_ATTEMPTS);
  if (exhausted) {
    for (const slot of stale) run.results[slot.index] ??= failed(ErrorCode.VENDOR_ERROR, 'the level kept changing at shopify while this change was sent; nothing was applied, retry');
    return retry;
  }
  const fresh = await run.reread(run.ctx, stale.map((slot) => slot.change));
  stale.forEach((slot, position) => {
    const level = fresh[position];
    if (!level) {
      run.results[slot.index] ??= failed(ErrorCode.NOT_FOUND, 'the item is no longer stocked at this location');
      return;
    }
    const pair = pairOf(slot.change);
    run.known.set(pair, level);
    run.levels.set(pair, level.available);
    retry.set(slot.index, { ...slot, attempt: slot.attempt + 1 });
  });
  return retry;
}

/**
 * After KEY_PARAMETER_MISMATCH: if the earlier send with this key was applied, each level now
 * stands at that send's base plus the batch's deltas. Sets that base; false when the batch has no
 * base of ours to recover (a set, or every entry carried the caller's compareQuantity).
 */
async function baseBeforeFirstSend(run: WriteRun, pending: readonly Slot[]): Promise<boolean> {
  if (pending[0]?.change.mode !== 'adjust' || pending.every((slot) => slot.change.compareQuantity != null)) return false;
  const fresh = await run.reread(run.ctx, pending.map((slot) => slot.change));
  const moved = new Map<string, number>();
  for (const slot of pending) moved.set(pairOf(slot.change), (moved.get(pairOf(slot.change)) ?? 0) + (slot.change.delta ?? 0));
  pending.forEach((slot, position) => {
    const level = fresh[position];
    if (!level) return;
    const pair = pairOf(slot.change);
    run.known.set(pair, level);
    run.levels.set(pair, level.available - (moved.get(pair) ?? 0));
  });
  return true;
}

/** Each entry's `changeFromQuantity`, walking the batch in order as Shopify applies it. */
function sentEntries(run: WriteRun, slots: readonly Slot[]): SentEntry[] {
  const running = new Map(run.levels);
  return slots.map(({ index, change }) => {
    const pair = pairOf(change);
    const base = running.get(pair) ?? null;
    const known = run.known.get(pair) ?? null;
    if (change.mode === 'set') {
      running.set(pair, change.quantity ?? 0);
      return { index, change, changeFrom: change.compareQuantity ?? null, known };
    }
    const changeFrom = change.compareQuantity ?? base;
    if (changeFrom === null) running.delete(pair);
    else running.set(pair, changeFrom + (change.delta ?? 0));
    return { index, change, changeFrom, known };
  });
}

async function send(run: WriteRun, slots: readonly Slot[], entries: readonly SentEntry[]): Promise<ShopifyInventoryMutationPayload> {
  const { client, ctx, options } = run;
  const mode = slots[0]?.change.mode ?? 'set';
  const common = {
    name: 'available',
    reason: SHOPIFY_REASONS.has(options.reason) ? options.reason : 'correction',
    referenceDocumentUri: `stockgraph://inventory-change/${encodeURIComponent(options.idempotencyKey)}`,
  };
  const amount = (change: InventoryChange) => (mode === 'set' ? { quantity: change.quantity } : { delta: change.delta });
  const entry = ({ change }: { change: InventoryChange }, changeFromQuantity: number | null) => ({
    inventoryItemId: change.product.inventoryRef,
    locationId: change.locationNativeId,
    ...amount(change),
    changeFromQuantity,
  });
  const sent = entries.map((item) => entry(item, item.changeFrom));
  const intent = slots.map((slot) => ({ ...entry(slot, slot.change.compareQuantity ?? null), ...(slot.attempt > 0 ? { attempt: slot.attempt } : {}) }));
  if (mode === 'set') {
    const idempotencyKey = batchIdempotencyKey(options.idempotencyKey, client.vendorId, setOperation.name, { ...common, quantities: intent });
    const data = await client.execute(ctx, setOperation, { input: { ...common, quantities: sent }, idempotencyKey }, { cost: MUTATION_COST, idempotent: true });
    return data.inventorySetQuantities;
  }
  const idempotencyKey = batchIdempotencyKey(options.idempotencyKey, client.vendorId, adjustOperation.name, { ...common, changes: intent });
  const data = await client.execute(ctx, adjustOperation, { input: { ...common, changes: sent }, idempotencyKey }, { cost: MUTATION_COST, idempotent: true });
  return data.inventoryAdjustQuantities;
}

function pairOf(change: InventoryChange): string {
  return `${change.product.inventoryRef}@${change.locationNativeId}`;
}

/** The entry a userError points at: `field: ["input", "quantities"|"changes", "<i>", …]`. */
function entryPosition(userError: ShopifyUserError): number | null {
  const field = userError.field ?? [];
  if (field[0] !== 'input' || (field[1] !== 'quantities' && field[1] !== 'changes')) return null;
  const position = Number(field[2]);
  return Number.isInteger(position) && position >= 0 ? position : null;
}

function userErrorResult(userError: ShopifyUserError): InventoryChangeResult {
  const code = userError.code ?? 'VENDOR_REJECTED';
  return {
    status: STALE_CODES.has(code) ? InventoryChangeStatus.CONFLICT : InventoryChangeStatus.FAILED,
    before: null,
    after: null,
    level: null,
    error: { code, message: userError.message },
  };
}

function invalidChange(change: InventoryChange): InventoryChangeResult | undefined {
  if (change.mode === 'set' && !Number.isInteger(change.quantity)) return failed('BAD_USER_INPUT', 'a set change needs an integer quantity');
  if (change.mode === 'adjust' && !Number.isInteger(change.delta)) return failed('BAD_USER_INPUT', 'an adjust change needs an integer delta');
  return undefined;
}

function failed(code: string, message: string): InventoryChangeResult {
  return { status: InventoryChangeStatus.FAILED, before: null, after: null, level: null, error: { code, message } };
}
