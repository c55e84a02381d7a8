import { mayUseVendor } from '../auth/vendor-visibility.ts';
import type { RequestContext } from '../context/request-context.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import { NodeKind, decodeGlobalId, locationGlobalId, productGlobalId, type DecodedGlobalId } from '../model/global-id.ts';
import { InventoryUserErrorCode, type InventoryUserError } from './inventory-payload.ts';
import type { InventoryMutationInput, InventoryMutationMode } from './inventory-mutation-input.ts';

/** A change whose IDs decoded and whose shape is valid; products are not loaded yet. */
export interface PlannedChange {
  readonly index: number;
  readonly mode: InventoryMutationMode;
  readonly vendorId: string;
  /** Canonical global IDs (re-encoded from the decoded parts). */
  readonly productId: string;
  readonly locationId: string;
  readonly productNativeId: string;
  readonly locationNativeId: string;
  /** `quantity` for set, `delta` for adjust. */
  readonly amount: number;
  readonly compareQuantity: number | null;
}

export interface ParsedChanges {
  readonly changes: readonly PlannedChange[];
  readonly userErrors: readonly InventoryUserError[];
}

const MAX_KEY_LENGTH = 255;
const MAX_REASON_LENGTH = 1000;

/**
 * Everything that can be checked without asking a vendor: blank fields, counts, ID syntax,
 * vendor visibility, vendor mismatch, negative absolute quantities, duplicate pairs.
 */
export function parseChanges(ctx: RequestContext, mode: InventoryMutationMode, input: InventoryMutationInput): ParsedChanges {
  const userErrors: InventoryUserError[] = [];
  const refuse = (field: readonly string[], code: InventoryUserErrorCode, message: string) => userErrors.push({ field, code, message });
  checkText(input.idempotencyKey, 'idempotencyKey', MAX_KEY_LENGTH, refuse);
  checkText(input.reason, 'reason', MAX_REASON_LENGTH, refuse);

  const { maxChangesPerMutation, bulkThreshold } = ctx.services.config.limits;
  const count = input.changes.length;
  if (count === 0) refuse(['input', 'changes'], InventoryUserErrorCode.NO_CHANGES, 'Give at least one change');
  if (count > maxChangesPerMutation) {
    refuse(['input', 'changes'], InventoryUserErrorCode.TOO_MANY_CHANGES, `At most ${maxChangesPerMutation} changes per mutation; got ${count}`);
    return { changes: [], userErrors };
  }
  if (count > bulkThreshold && !ctx.flags.isOn(FeatureFlag.BULK_OPERATIONS)) {
    refuse(['input', 'changes'], InventoryUserErrorCode.BULK_OPERATIONS_DISABLED, `More than ${bulkThreshold} changes need the ${FeatureFlag.BULK_OPERATIONS} feature`);
  }

  const changes: PlannedChange[] = [];
  const seen = new Set<string>();
  input.changes.forEach((change, index) => {
    const at = (name: string) => ['input', 'changes', String(index), name];
    const product = decodeOrRefuse(change.productId, NodeKind.PRODUCT, at('productId'), refuse);
    const location = decodeOrRefuse(change.locationId, NodeKind.LOCATION, at('locationId'), refuse);
    if (!product || !location) return;
    if (!mayUseVendor(ctx, product.vendorId)) {
      // Same answer as an unknown product: a scoped caller learns nothing about other vendors.
      refuse(at('productId'), InventoryUserErrorCode.PRODUCT_NOT_FOUND, 'No product with this ID');
      return;
    }
    if (location.vendorId !== product.vendorId) {
      refuse(at('locationId'), InventoryUserErrorCode.VENDOR_MISMATCH, 'The location belongs to another vendor than the product');
      return;
    }
    const amountField = mode === 'set' ? 'quantity' : 'delta';
    const amount = mode === 'set' ? change.quantity : change.delta;
    if (amount === null || amount === undefined || !Number.isInteger(amount)) {
      refuse(at(amountField), InventoryUserErrorCode.BLANK_VALUE, `"${amountField}" is required`);
      return;
    }
    if (mode === 'set' && amount < 0) {
      refuse(at('quantity'), InventoryUserErrorCode.NEGATIVE_QUANTITY, `A quantity cannot be negative; got ${amount}`);
      return;
    }
    const pair = `${product.vendorId}\u0000${product.nativeId}\u0000${location.nativeId}`;
    if (seen.has(pair)) {
      refuse(at('locationId'), InventoryUserErrorCode.DUPLICATE_CHANGE, 'This product and location already appear earlier in the same input');
      return;
    }
    seen.add(pair);
    changes.push({
      index,
      mode,
      vendorId: product.vendorId,
      productId: productGlobalId(product.vendorId, product.nativeId),
      locationId: locationGlobalId(location.vendorId, location.nativeId),
      productNativeId: product.nativeId,
      locationNativeId: location.nativeId,
      amount,
      compareQuantity: change.compareQuantity ?? null,
    });
  });
  return { changes, userErrors };
}

type Refuse = (field: readonly string[], code: InventoryUserErrorCode, message: string) => void;

function checkText(value: string, name: string, maxLength: number, refuse: Refuse): void {
  if (value.trim().length === 0) refuse(['input', name], InventoryUserErrorCode.BLANK_VALUE, `"${name}" must not be blank`);
  else if (value.length > maxLength) refuse(['input', name], InventoryUserErrorCode.VALUE_TOO_LONG, `"${name}" may hold at most ${maxLength} characters`);
}

function decodeOrRefuse(id: string, kind: NodeKind, field: readonly string[], refuse: Refuse): DecodedGlobalId | null {
  try {
    return decodeGlobalId(id, kind, field.at(-1));
  } catch {
    refuse(field, InventoryUserErrorCode.INVALID_ID, `Not a ${kind === NodeKind.PRODUCT ? 'product' : 'location'} ID: ${JSON.stringify(id)}`);
    return null;
  }
}
