import type { InventoryLevel } from '../model/standard-model.ts';
import type { InventoryChangeStatus } from '../vendors/vendor-source.ts';

/** Why an input was refused before any vendor was called (nothing was applied). */
export const InventoryUserErrorCode = {
  BLANK_VALUE: 'BLANK_VALUE',
  VALUE_TOO_LONG: 'VALUE_TOO_LONG',
  NO_CHANGES: 'NO_CHANGES',
  TOO_MANY_CHANGES: 'TOO_MANY_CHANGES',
  BULK_OPERATIONS_DISABLED: 'BULK_OPERATIONS_DISABLED',
  INVALID_ID: 'INVALID_ID',
  INVALID_REFERENCE: 'INVALID_REFERENCE',
  VENDOR_NOT_FOUND: 'VENDOR_NOT_FOUND',
  AMBIGUOUS_SKU: 'AMBIGUOUS_SKU',
  PRODUCT_NOT_FOUND: 'PRODUCT_NOT_FOUND',
  LOCATION_NOT_FOUND: 'LOCATION_NOT_FOUND',
  VENDOR_MISMATCH: 'VENDOR_MISMATCH',
  INVENTORY_NOT_TRACKED: 'INVENTORY_NOT_TRACKED',
  NEGATIVE_QUANTITY: 'NEGATIVE_QUANTITY',
  DUPLICATE_CHANGE: 'DUPLICATE_CHANGE',
} as const;
export type InventoryUserErrorCode = (typeof InventoryUserErrorCode)[keyof typeof InventoryUserErrorCode];

export interface InventoryUserError {
  /** Path of the offending input field, for example ["input", "changes", "2", "locationId"]. */
  readonly field: readonly string[];
  readonly code: InventoryUserErrorCode;
  readonly message: string;
}

/** What happened to one change; `before`/`after` are available quantities when known. */
export interface InventoryChangeOutcome {
  readonly productId: string;
  readonly locationId: string;
  readonly status: InventoryChangeStatus;
  readonly before: number | null;
  readonly after: number | null;
  readonly level: InventoryLevel | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** FAILED whose write may have landed: never re-sent (kept in the stored record, not in the schema). */
  readonly outcomeUnknown?: boolean;
}

/**
 * The answer of setInventoryQuantities / adjustInventoryQuantities: one outcome per change in
 * input order, or (when the input was refused) no outcomes and at least one user error.
 * This object is what the idempotency record stores and replays.
 */
export interface InventoryChangesPayload {
  readonly results: readonly InventoryChangeOutcome[];
  readonly userErrors: readonly InventoryUserError[];
}

export function userErrorPayload(userErrors: readonly InventoryUserError[]): InventoryChangesPayload {
  return { results: [], userErrors };
}
