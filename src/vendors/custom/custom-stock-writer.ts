import { ErrorCode } from '../../errors/error-code.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { locationGlobalId } from '../../model/global-id.ts';
import type { InventoryLevel } from '../../model/standard-model.ts';
import { chainedResult, type LevelOutcome } from '../stock-writes/chained-results.ts';
import { KeyedMutex } from '../stock-writes/keyed-mutex.ts';
import { chainLevels } from '../stock-writes/level-chain.ts';
import { changeAmount, failedResult, refused, type FixedResult } from '../stock-writes/phased-writes.ts';
import {
  StockChangeRefusalCode,
  type InventoryWriteOptions,
  type PreparedStockChanges,
  type StockChangeRequest,
  type StockWritePlan,
  type StockWritePlanner,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import { shapeError, type CustomClient } from './custom-client.ts';
import type { CustomMapping } from '../../config/vendors/custom/custom-config.ts';
import type { CustomLookup } from './custom-lookup.ts';
import type { MapOutcome } from './custom-mapper.ts';
import { sendCustomWrites, type CustomWrite } from './custom-stock-send.ts';

interface Ready {
  readonly key: string;
  readonly request: StockChangeRequest;
  readonly amount: number;
  readonly sku: string | null;
  /** The level as read under the lock. */
  readonly fresh: InventoryLevel;
}


/**
 * Stock changes through the mapping's `write` definition. A custom vendor's write is not
 * idempotent (nothing deduplicates it), so (see StockWritePlanner): writes are serialized per
 * (item, location) inside this process; `prepare` (lock held) reads every item in one batched lookup (the
 * mapping's `lookup.byIds`: levels come inline with the item) — the check that the item exists,
 * is tracked and is stocked at the location, the `before` of the audit and the base of deltas and
 * compareQuantity (CONFLICT, no write); `commit` sends one write per level with its final value
 * (sendCustomWrites) and reads back only a write whose answer was lost.
 */
export class CustomStockWriter implements StockWritePlanner {
  private readonly client: CustomClient;
  private readonly lookup: CustomLookup;
  private readonly mapping: CustomMapping;
  private readonly vendorName: string;
  private readonly locks = new KeyedMutex();

  constructor(client: CustomClient, lookup: CustomLookup, mapping: CustomMapping, vendorName: string) {
    this.client = client;
    this.lookup = lookup;
    this.mapping = mapping;
    this.vendorName = vendorName;
  }

  /** Nothing to look up before the lock: native IDs name the items. */
  async plan(_ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], options: InventoryWriteOptions): Promise<StockWritePlan> {
    return {
      lock: () => this.locks.lock(requests.map((request) => levelKey(request.productNativeId, request.locationNativeId))),
      prepare: (ctx) => this.prepare(ctx, requests, options),
    };
  }

  private async prepare(ctx: UpstreamCallContext, requests: readonly StockChangeRequest[], options: InventoryWriteOptions): Promise<PreparedStockChanges> {
    const template = this.mapping.write;
    if (!template) {
      const refusedWrite = failedResult(ErrorCode.VENDOR_REJECTED, `${this.vendorName} does not accept stock changes (its mapping has no write)`);
      return prepared(requests.map(() => ({ fixed: refusedWrite, refusal: null })), () => Promise.resolve(new Map()));
    }
    const amounts = requests.map(changeAmount);
    const ids = requests.filter((_, index) => amounts[index] !== null).map((request) => request.productNativeId);
    let items: Map<string, MapOutcome[]>;
    try {
      items = ids.length > 0 ? await this.lookup.fetch(ctx, this.mapping.lookup.byIds, this.mapping.fields.id, ids) : new Map();
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      const unreadable = failedResult(error.code, error.message);
      return prepared(requests.map(() => ({ fixed: unreadable, refusal: null })), () => Promise.resolve(new Map()));
    }
    const slots = requests.map((request, index): FixedResult | Ready => {
      const amount = amounts[index];
      if (amount === null || amount === undefined) {
        return { fixed: failedResult(ErrorCode.BAD_USER_INPUT, request.mode === 'set' ? 'quantity must be a whole number' : 'delta must be a whole number'), refusal: null };
      }
      const outcome = items.get(request.productNativeId)?.[0];
      if (!outcome) return refused(StockChangeRefusalCode.PRODUCT_NOT_FOUND, `${request.productNativeId} does not exist at ${this.vendorName}`);
      if (!outcome.ok) return { fixed: failedResult(ErrorCode.VENDOR_ERROR, shapeError(this.client.vendorId, `item ${request.productNativeId} does not match the mapping: ${outcome.problem}`).message), refusal: null };
      // A caller that brings the product has checked it (applyInPhases writes what it is given).
      if (!request.product && !outcome.product.inventoryTracked) return refused(StockChangeRefusalCode.INVENTORY_NOT_TRACKED, `${this.vendorName} does not track stock for ${request.productNativeId}`);
      const locationId = locationGlobalId(this.client.vendorId, request.locationNativeId);
      const fresh = outcome.product.inventoryLevels?.find((level) => level.locationId === locationId);
      if (!fresh) return refused(StockChangeRefusalCode.LOCATION_NOT_FOUND, `${request.productNativeId} is not stocked at location ${request.locationNativeId}`);
      return { key: levelKey(request.productNativeId, request.locationNativeId), request, amount, sku: outcome.product.sku, fresh };
    });
    const deps = { client: this.client, template, readLevels: (readCtx: UpstreamCallContext, lost: readonly CustomWrite[]) => this.readLevels(readCtx, lost) };
    return prepared(slots, (commitCtx, writes) => sendCustomWrites(deps, commitCtx, writes, options));
  }

  /** Levels of the given writes now, in one batched lookup (null where the item or level is gone). */
  private async readLevels(ctx: UpstreamCallContext, writes: readonly CustomWrite[]): Promise<Map<string, InventoryLevel | null>> {
    const found = await this.lookup.fetch(ctx, this.mapping.lookup.byIds, this.mapping.fields.id, writes.map((write) => write.nativeId));
    return new Map(
      writes.map((write) => {
        const outcome = found.get(write.nativeId)?.[0];
        const locationId = locationGlobalId(this.client.vendorId, write.locationNativeId);
        const level = outcome?.ok ? (outcome.product.inventoryLevels?.find((candidate) => candidate.locationId === locationId) ?? null) : null;
        return [write.write.key, level];
      }),
    );
  }
}

type Send = (ctx: UpstreamCallContext, writes: readonly CustomWrite[]) => Promise<Map<string, LevelOutcome>>;

function prepared(slots: ReadonlyArray<FixedResult | Ready>, send: Send): PreparedStockChanges {
  const ready = slots.filter((slot): slot is Ready => 'key' in slot);
  return {
    refusals: slots.map((slot) => ('refusal' in slot ? slot.refusal : null)),
    commit: async (ctx) => {
      const chain = chainLevels(
        ready.map((slot) => ({ key: slot.key, mode: slot.request.mode, amount: slot.amount, compareQuantity: slot.request.compareQuantity })),
        new Map(ready.map((slot) => [slot.key, slot.fresh.available])),
      );
      const byKey = new Map(ready.map((slot) => [slot.key, slot]));
      const writes: CustomWrite[] = chain.writes.map((write) => {
        const slot = byKey.get(write.key)!;
        return { write, nativeId: slot.request.productNativeId, sku: slot.sku, locationNativeId: slot.request.locationNativeId };
      });
      const outcomes = writes.length > 0 ? await send(ctx, writes) : new Map();
      let position = 0;
      return slots.map((slot) => {
        if (!('key' in slot)) return slot.fixed;
        const step = chain.steps[position++]!;
        return chainedResult(step, slot.request.compareQuantity, outcomes.get(slot.key), (available) => levelAt(slot.fresh, available));
      });
    },
  };
}

/** The level read under the lock, moved to `available` (on hand moves with it). */
function levelAt(fresh: InventoryLevel, available: number): InventoryLevel {
  return { ...fresh, available, onHand: fresh.onHand === null ? null : fresh.onHand + (available - fresh.available) };
}

function levelKey(nativeId: string, locationNativeId: string): string {
  return `${nativeId}\u0000${locationNativeId}`;
}
