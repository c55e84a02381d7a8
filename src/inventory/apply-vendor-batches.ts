import { GatewayError } from '../errors/gateway-error.ts';
import { ErrorCode } from '../errors/error-code.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import {
  InventoryChangeStatus,
  type InventoryChange,
  type InventoryWriteOptions,
  type UpstreamCallContext,
} from '../vendors/vendor-source.ts';
import type { InventoryChangeOutcome } from './inventory-payload.ts';
import type { ChangeTarget } from './load-change-targets.ts';

/**
 * Sends each vendor's changes through its source in ONE applyInventoryChanges call, vendors in
 * parallel, and answers an outcome per change index. A vendor whose call throws fails only its
 * own changes (FAILED, with its error code); by the VendorSource contract a FAILED change was not
 * applied, so it may be sent again under the same idempotency key.
 */
export async function applyVendorBatches(
  callCtx: UpstreamCallContext,
  registry: VendorRegistry,
  targets: readonly ChangeTarget[],
  options: InventoryWriteOptions,
): Promise<Map<number, InventoryChangeOutcome>> {
  const outcomes = new Map<number, InventoryChangeOutcome>();
  const byVendor = new Map<string, Array<Extract<ChangeTarget, { kind: 'ready' }>>>();
  for (const target of targets) {
    if (target.kind === 'unavailable') {
      outcomes.set(target.change.index, failedOutcome(target.change, target.error));
      continue;
    }
    const batch = byVendor.get(target.change.vendorId) ?? [];
    batch.push(target);
    byVendor.set(target.change.vendorId, batch);
  }
  await Promise.all(
    [...byVendor].map(async ([vendorId, batch]) => {
      let results;
      try {
        results = await registry.get(vendorId).applyInventoryChanges(callCtx, batch.map(toInventoryChange), options);
      } catch (error) {
        const failure = publicError(error, vendorId);
        batch.forEach((target) => outcomes.set(target.change.index, failedOutcome(target.change, failure)));
        return;
      }
      batch.forEach((target, position) => {
        const result = results[position];
        const { productId, locationId } = target.change;
        outcomes.set(
          target.change.index,
          result
            ? { productId, locationId, status: result.status, before: result.before, after: result.after, level: result.level, error: result.error, ...(result.outcomeUnknown ? { outcomeUnknown: true } : {}) }
            : failedOutcome(target.change, new GatewayError(ErrorCode.VENDOR_ERROR, `${vendorId} answered no result for this change`, { vendorId })),
        );
      });
    }),
  );
  return outcomes;
}

function toInventoryChange(target: Extract<ChangeTarget, { kind: 'ready' }>): InventoryChange {
  const { change, product } = target;
  return {
    product,
    locationNativeId: change.locationNativeId,
    mode: change.mode,
    ...(change.mode === 'set' ? { quantity: change.amount } : { delta: change.amount }),
    compareQuantity: change.compareQuantity,
  };
}

function failedOutcome(change: { productId: string; locationId: string }, error: GatewayError): InventoryChangeOutcome {
  return {
    productId: change.productId,
    locationId: change.locationId,
    status: InventoryChangeStatus.FAILED,
    before: null,
    after: null,
    level: null,
    error: { code: error.code, message: error.message },
  };
}

/** GatewayErrors carry safe messages; anything else is masked. */
function publicError(error: unknown, vendorId: string): GatewayError {
  return error instanceof GatewayError ? error : new GatewayError(ErrorCode.VENDOR_ERROR, `${vendorId} failed to apply the changes`, { vendorId });
}
