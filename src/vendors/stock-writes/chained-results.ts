import type { InventoryLevel } from '../../model/standard-model.ts';
import type { ChainStep } from './level-chain.ts';
import { InventoryChangeStatus, type InventoryChangeResult } from '../vendor-source.ts';
import { outcomeUnknownResult } from './write-outcome.ts';

/** What became of one level's write (absent when the level needed none). */
export type LevelOutcome =
  | { readonly kind: 'applied' }
  /** Refused by the vendor, or read back unchanged: nothing was applied, a retry may send it again. */
  | { readonly kind: 'not-applied'; readonly code: string; readonly message: string; readonly observed: number | null }
  /** The answer was lost and reading back did not settle it: never re-sent (VENDOR_OUTCOME_UNKNOWN). */
  | { readonly kind: 'unknown'; readonly message: string; readonly observed: number | null };

/**
 * One change's result from its chain step and its level's outcome. `level` renders the level at
 * a given available quantity (null when the vendor's answer is not enough to build one).
 */
export function chainedResult(
  step: ChainStep,
  compareQuantity: number | null | undefined,
  outcome: LevelOutcome | undefined,
  level: (available: number) => InventoryLevel | null,
): InventoryChangeResult {
  if (step.kind === 'conflict') {
    return {
      status: InventoryChangeStatus.CONFLICT,
      before: step.current,
      after: step.current,
      level: level(step.current),
      error: {
        code: InventoryChangeStatus.CONFLICT,
        message: `compareQuantity ${String(compareQuantity)} does not match the current available quantity ${String(step.current)}`,
      },
    };
  }
  if (!outcome || outcome.kind === 'applied') {
    return { status: InventoryChangeStatus.APPLIED, before: step.before, after: step.after, level: level(step.after), error: null };
  }
  if (outcome.kind === 'unknown') return outcomeUnknownResult(step.before, outcome.observed, outcome.message);
  return {
    status: InventoryChangeStatus.FAILED,
    before: step.before,
    after: outcome.observed,
    level: null,
    error: { code: outcome.code, message: outcome.message },
  };
}
