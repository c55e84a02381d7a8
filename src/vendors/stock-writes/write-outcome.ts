import { ErrorCode } from '../../errors/error-code.ts';
import { InventoryChangeStatus, type InventoryChangeResult, type UpstreamCallContext } from '../vendor-source.ts';

/** How many times a read-back is tried, and the pause before each retry. */
const READ_BACK_DELAYS_MS = [0, 100, 200, 400, 800, 1200] as const;

/**
 * Reads stock back after a write whose answer never came. The answer decides whether the change
 * happened, so it is worth a few tries: a read is safe to repeat, and the writer holds the
 * per-item lock meanwhile, so no other write of this process can blur the answer. Bounded by
 * `deadline`; the last failure is rethrown.
 */
export async function readBackPersistently<T>(read: () => Promise<T>, deadline: number): Promise<T> {
  let lastError: unknown;
  for (const delay of READ_BACK_DELAYS_MS) {
    if (delay > 0) {
      if (Date.now() + delay >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    try {
      return await read();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** How long a read-back may run, even past the client's deadline: settling a write beats answering fast. */
export const READ_BACK_GRACE_MS = 5_000;

/**
 * The context a read-back runs on: not tied to the caller's signal (its answer decides what the
 * idempotency record says happened, even if the caller has gone) and with a deadline of at least
 * READ_BACK_GRACE_MS from now.
 */
export function readBackContext(ctx: UpstreamCallContext): UpstreamCallContext {
  const deadline = Math.max(ctx.deadline, Date.now() + READ_BACK_GRACE_MS);
  return { ...ctx, deadline, signal: AbortSignal.timeout(Math.max(1, Math.floor(deadline - Date.now()))) };
}

/** A FAILED result whose write may have landed: never re-sent automatically (see InventoryChangeResult). */
export function outcomeUnknownResult(before: number | null, observed: number | null, message: string): InventoryChangeResult {
  return {
    status: InventoryChangeStatus.FAILED,
    before,
    after: observed,
    level: null,
    error: { code: ErrorCode.VENDOR_OUTCOME_UNKNOWN, message: `${message}; the change is not re-sent automatically: check the stock and correct it with setInventoryQuantities` },
    outcomeUnknown: true,
  };
}
