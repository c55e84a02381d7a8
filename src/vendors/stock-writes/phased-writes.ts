import { ErrorCode } from '../../errors/error-code.ts';
import {
  InventoryChangeStatus,
  StockChangeRefusalCode,
  type InventoryChange,
  type InventoryChangeResult,
  type InventoryWriteOptions,
  type StockChangeRefusal,
  type StockChangeRequest,
  type StockWritePlan,
  type StockWritePlanner,
  type PreparedStockChanges,
  type UpstreamCallContext,
} from '../vendor-source.ts';

/** Every phase of a source's stock writes in one call: plan, lock, prepare, commit, release. */
export async function applyInPhases(
  planner: StockWritePlanner,
  ctx: UpstreamCallContext,
  changes: readonly InventoryChange[],
  options: InventoryWriteOptions,
): Promise<InventoryChangeResult[]> {
  const plan = await planner.plan(ctx, changes.map(requestOf), options);
  const release = await plan.lock();
  try {
    const prepared = await plan.prepare(ctx);
    return [...(await prepared.commit(ctx))];
  } finally {
    release();
  }
}

/** A plan whose work is all done in `plan` (nothing to lock, nothing more to read). */
export function settledPlan(prepared: PreparedStockChanges): StockWritePlan {
  return { lock: noLock, prepare: () => Promise.resolve(prepared) };
}

function requestOf(change: InventoryChange): StockChangeRequest {
  const { product, ...rest } = change;
  return { ...rest, productNativeId: product.nativeId, product };
}

/** A request answered without being sent: its result, and the refusal when it was refused (not failed). */
export type FixedResult = { readonly fixed: InventoryChangeResult; readonly refusal: StockChangeRefusal | null };

/** A request the prepare read refuses: the mutation service turns the refusal into a user error. */
export function refused(code: StockChangeRefusalCode, message: string): FixedResult {
  const refusal = { code, message };
  return { fixed: refusedResult(refusal), refusal };
}

/** The result a refused request answers when it is committed anyway (applyInPhases). */
export function refusedResult(refusal: StockChangeRefusal): InventoryChangeResult {
  const code = refusal.code === StockChangeRefusalCode.INVENTORY_NOT_TRACKED ? ErrorCode.VENDOR_REJECTED : ErrorCode.NOT_FOUND;
  return failedResult(code, refusal.message);
}

export function failedResult(code: string, message: string, before: number | null = null, after: number | null = null): InventoryChangeResult {
  return { status: InventoryChangeStatus.FAILED, before, after, level: null, error: { code, message } };
}

/** The amount of a change, when it is the whole number its mode needs. */
export function changeAmount(request: Pick<StockChangeRequest, 'mode' | 'quantity' | 'delta'>): number | null {
  const amount = request.mode === 'set' ? request.quantity : request.delta;
  return amount !== undefined && Number.isSafeInteger(amount) ? amount : null;
}

export const noLock = (): Promise<() => void> => Promise.resolve(() => undefined);
