import { ErrorCode } from '../errors/error-code.ts';
import {
  InventoryChangeStatus,
  StockChangeRefusalCode,
  type InventoryChange,
  type InventoryChangeResult,
  type InventoryWriteOptions,
  type StockChangeRefusal,
  type StockChangeRequest,
  type StockWritePlanner,
  type UpstreamCallContext,
} from './vendor-source.ts';

/** applyInventoryChanges through a source's StockWritePlanner: lock, prepare, commit, release. */
export async function applyInTwoPhases(
  planner: StockWritePlanner,
  ctx: UpstreamCallContext,
  changes: readonly InventoryChange[],
  options: InventoryWriteOptions,
): Promise<InventoryChangeResult[]> {
  const requests = changes.map(requestOf);
  const release = await planner.lock(requests);
  try {
    const prepared = await planner.prepare(ctx, requests, options);
    return [...(await prepared.commit(ctx))];
  } finally {
    release();
  }
}

export function requestOf(change: InventoryChange): StockChangeRequest {
  const { product, ...rest } = change;
  return { ...rest, productNativeId: product.nativeId, product };
}

/** The result a refused request answers when it is committed anyway (applyInventoryChanges). */
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
