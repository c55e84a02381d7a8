import { mayUseVendor } from '../auth/vendor-visibility.ts';
import type { RequestContext } from '../context/request-context.ts';
import { FeatureFlag } from '../flags/flag-names.ts';
import { NodeKind, decodeGlobalId, type DecodedGlobalId } from '../model/global-id.ts';
import { InventoryUserErrorCode, type InventoryUserError } from './inventory-payload.ts';
import type { InventoryChangeInput, InventoryMutationInput, InventoryMutationMode } from './inventory-mutation-input.ts';

/**
 * How a change names its product: by native ID (decoded from `productId`, or `nativeProductId`,
 * which may be an alias the vendor resolves), or by SKU code. `field` is the input field used.
 */
export type ProductReference =
  | { readonly by: 'nativeId'; readonly nativeId: string; readonly field: 'productId' | 'nativeProductId' }
  | { readonly by: 'sku'; readonly sku: string; readonly field: 'sku' };

/** A change whose shape is valid; its product may still need a lookup (resolve-change-references.ts). */
export interface ParsedChange {
  readonly index: number;
  readonly mode: InventoryMutationMode;
  readonly vendorId: string;
  readonly product: ProductReference;
  readonly locationNativeId: string;
  readonly locationField: 'locationId' | 'nativeLocationId';
  /** `quantity` for set, `delta` for adjust. */
  readonly amount: number;
  readonly compareQuantity: number | null;
}

/** A change ready to write: product and location known by native ID. */
export interface PlannedChange {
  readonly index: number;
  readonly mode: InventoryMutationMode;
  readonly vendorId: string;
  /** Canonical global IDs (re-encoded from the native parts). */
  readonly productId: string;
  readonly locationId: string;
  readonly productNativeId: string;
  readonly locationNativeId: string;
  /** The input fields the change named them by (user errors name these). */
  readonly productField: ProductReference['field'];
  readonly locationField: ParsedChange['locationField'];
  readonly amount: number;
  readonly compareQuantity: number | null;
}

export interface ParsedChanges {
  readonly changes: readonly ParsedChange[];
  readonly userErrors: readonly InventoryUserError[];
}

const MAX_KEY_LENGTH = 255;
const MAX_REASON_LENGTH = 1000;

/**
 * Everything that can be checked without asking a vendor: blank fields, counts, ID syntax, how
 * each change names its product and location, vendor visibility, vendor mismatch, negative
 * absolute quantities. Duplicates are found once products are resolved.
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

  const changes: ParsedChange[] = [];
  input.changes.forEach((change, index) => {
    const at = (name: string) => ['input', 'changes', String(index), name];
    const target = parseTarget(ctx, change, at, refuse);
    if (!target) return;
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
    changes.push({ index, mode, ...target, amount, compareQuantity: change.compareQuantity ?? null });
  });
  return { changes, userErrors };
}

type Target = Pick<ParsedChange, 'vendorId' | 'product' | 'locationNativeId' | 'locationField'>;

/** Which vendor, product and location a change names, or null after refusing it. */
function parseTarget(ctx: RequestContext, change: InventoryChangeInput, at: (name: string) => string[], refuse: Refuse): Target | null {
  const given = (value: string | null | undefined): value is string => value !== null && value !== undefined;
  const productWays = [change.productId, change.nativeProductId, change.sku].filter(given).length;
  const locationWays = [change.locationId, change.nativeLocationId].filter(given).length;
  if (productWays !== 1) {
    refuse(at(productWays === 0 ? 'productId' : 'nativeProductId'), InventoryUserErrorCode.INVALID_REFERENCE, 'Name the product by exactly one of productId, nativeProductId (with vendorId) or sku (with vendorId)');
    return null;
  }
  if (locationWays !== 1) {
    refuse(at(locationWays === 0 ? 'locationId' : 'nativeLocationId'), InventoryUserErrorCode.INVALID_REFERENCE, 'Name the location by exactly one of locationId or nativeLocationId (with vendorId)');
    return null;
  }
  const native = [change.nativeProductId, change.sku, change.nativeLocationId].some(given);
  if (native && !given(change.vendorId)) {
    refuse(at('vendorId'), InventoryUserErrorCode.INVALID_REFERENCE, 'vendorId is required with nativeProductId, sku or nativeLocationId');
    return null;
  }

  let vendorId: string;
  let product: ProductReference;
  if (given(change.productId)) {
    const decoded = decodeOrRefuse(change.productId, NodeKind.PRODUCT, at('productId'), refuse);
    if (!decoded) return null;
    if (!mayUseVendor(ctx, decoded.vendorId)) {
      // Same answer as an unknown product: a scoped caller learns nothing about other vendors.
      refuse(at('productId'), InventoryUserErrorCode.PRODUCT_NOT_FOUND, 'No product with this ID');
      return null;
    }
    if (given(change.vendorId) && change.vendorId !== decoded.vendorId) {
      refuse(at('vendorId'), InventoryUserErrorCode.VENDOR_MISMATCH, 'vendorId is not the vendor of productId');
      return null;
    }
    vendorId = decoded.vendorId;
    product = { by: 'nativeId', nativeId: decoded.nativeId, field: 'productId' };
  } else {
    vendorId = change.vendorId as string;
    if (!mayUseVendor(ctx, vendorId)) {
      refuse(at('vendorId'), InventoryUserErrorCode.VENDOR_NOT_FOUND, `No vendor "${vendorId}"`);
      return null;
    }
    const text = (given(change.sku) ? change.sku : (change.nativeProductId as string)).trim();
    const field = given(change.sku) ? 'sku' : 'nativeProductId';
    if (text === '') {
      refuse(at(field), InventoryUserErrorCode.BLANK_VALUE, `"${field}" must not be blank`);
      return null;
    }
    product = field === 'sku' ? { by: 'sku', sku: text, field } : { by: 'nativeId', nativeId: text, field };
  }

  if (given(change.locationId)) {
    const location = decodeOrRefuse(change.locationId, NodeKind.LOCATION, at('locationId'), refuse);
    if (!location) return null;
    if (location.vendorId !== vendorId) {
      refuse(at('locationId'), InventoryUserErrorCode.VENDOR_MISMATCH, 'The location belongs to another vendor than the product');
      return null;
    }
    return { vendorId, product, locationNativeId: location.nativeId, locationField: 'locationId' };
  }
  if (change.vendorId !== vendorId) {
    refuse(at('vendorId'), InventoryUserErrorCode.VENDOR_MISMATCH, 'vendorId is not the vendor of productId');
    return null;
  }
  const nativeLocationId = (change.nativeLocationId as string).trim();
  if (nativeLocationId === '') {
    refuse(at('nativeLocationId'), InventoryUserErrorCode.BLANK_VALUE, '"nativeLocationId" must not be blank');
    return null;
  }
  return { vendorId, product, locationNativeId: nativeLocationId, locationField: 'nativeLocationId' };
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
