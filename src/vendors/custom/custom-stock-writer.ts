import { outcomeUnknownResult, readBackPersistently } from '../write-outcome.ts';
import { ErrorCode, UpstreamErrorClass } from '../../errors/error-code.ts';
import { GatewayError, UpstreamError } from '../../errors/gateway-error.ts';
import { locationGlobalId } from '../../model/global-id.ts';
import type { InventoryLevel } from '../../model/standard-model.ts';
import {
  InventoryChangeStatus,
  type InventoryChange,
  type InventoryChangeResult,
  type InventoryWriteOptions,
  type UpstreamCallContext,
} from '../vendor-source.ts';
import { shapeError, type CustomClient } from './custom-client.ts';
import type { CustomMapping } from './custom-config.ts';
import type { CustomLookup } from './custom-lookup.ts';
import type { WritePlaceholder } from './custom-write-config.ts';
import { KeyedMutex } from '../keyed-mutex.ts';

/** Time a read-back gets after a write's outcome went unknown (the caller's own deadline may be gone). */
const READ_BACK_TIMEOUT_MS = 5_000;

/** Failures after which the vendor may or may not have applied the write. */
const UNKNOWN_OUTCOME: ReadonlySet<UpstreamErrorClass> = new Set([
  UpstreamErrorClass.TIMEOUT,
  UpstreamErrorClass.NETWORK,
  UpstreamErrorClass.SERVER,
]);

/**
 * Stock changes through the mapping's `write` definition. A custom vendor's write is not
 * idempotent (nothing deduplicates it), so each change runs, serialized per (item, location) in
 * this process, as: fresh read → compareQuantity check (CONFLICT, no write) → target from the
 * fresh read → one write, never re-sent. When the write's outcome is unknown (timeout, reset,
 * 5xx) the level is read back: at the target it was applied, at the fresh value it was not,
 * anything else is reported as unknown rather than guessed.
 */
export class CustomStockWriter {
  private readonly client: CustomClient;
  private readonly lookup: CustomLookup;
  private readonly mapping: CustomMapping;
  private readonly vendorName: string;
  private readonly mutex = new KeyedMutex();

  constructor(client: CustomClient, lookup: CustomLookup, mapping: CustomMapping, vendorName: string) {
    this.client = client;
    this.lookup = lookup;
    this.mapping = mapping;
    this.vendorName = vendorName;
  }

  apply(ctx: UpstreamCallContext, changes: readonly InventoryChange[], options: InventoryWriteOptions): Promise<InventoryChangeResult[]> {
    return Promise.all(
      changes.map((change) =>
        this.mutex.runExclusive([`${change.product.nativeId}\u0000${change.locationNativeId}`], () => this.applyOne(ctx, change, options)),
      ),
    );
  }

  private async applyOne(ctx: UpstreamCallContext, change: InventoryChange, options: InventoryWriteOptions): Promise<InventoryChangeResult> {
    const write = this.mapping.write;
    if (!write) return failed(ErrorCode.VENDOR_REJECTED, `${this.vendorName} does not accept stock changes (its mapping has no write)`);
    const amount = change.mode === 'set' ? change.quantity : change.delta;
    if (amount === undefined || !Number.isSafeInteger(amount)) {
      return failed(ErrorCode.BAD_USER_INPUT, change.mode === 'set' ? 'quantity must be a whole number' : 'delta must be a whole number');
    }
    let fresh: InventoryLevel | null;
    try {
      fresh = await this.readLevel(ctx, change);
    } catch (error) {
      return failedFrom(error);
    }
    if (!fresh) return failed(ErrorCode.NOT_FOUND, `${change.product.nativeId} is not stocked at location ${change.locationNativeId}`);
    const before = fresh.available;
    if (change.compareQuantity !== undefined && change.compareQuantity !== null && change.compareQuantity !== before) {
      return {
        status: InventoryChangeStatus.CONFLICT,
        before,
        after: before,
        level: fresh,
        error: { code: InventoryChangeStatus.CONFLICT, message: `compareQuantity ${change.compareQuantity} does not match the current available quantity ${before}` },
      };
    }
    const target = change.mode === 'set' ? amount : before + amount;
    if (target === before) return applied(fresh, before, target); // nothing to change; no write sent

    const values: Record<WritePlaceholder, string | number> = {
      id: change.product.nativeId,
      sku: change.product.sku ?? '',
      locationId: change.locationNativeId,
      quantity: target,
      delta: target - before,
      reason: options.reason,
      idempotencyKey: options.idempotencyKey,
    };
    const path = write.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(values[name as WritePlaceholder])));
    try {
      await this.client.write(ctx, write.method, path, renderTemplate(write.body, values), 'setStock');
      return applied(fresh, before, target);
    } catch (error) {
      if (!(error instanceof UpstreamError) || !UNKNOWN_OUTCOME.has(error.errorClass)) return failedFrom(error);
      return this.resolveUnknown(ctx, change, fresh, target, error);
    }
  }

  /** Reads the level back after a write whose answer never came; never re-sends the write. */
  private async resolveUnknown(
    ctx: UpstreamCallContext,
    change: InventoryChange,
    fresh: InventoryLevel,
    target: number,
    cause: UpstreamError,
  ): Promise<InventoryChangeResult> {
    const readBackCtx: UpstreamCallContext = {
      ...ctx,
      signal: AbortSignal.timeout(READ_BACK_TIMEOUT_MS),
      deadline: Date.now() + READ_BACK_TIMEOUT_MS,
    };
    let now: InventoryLevel | null;
    try {
      now = await readBackPersistently(() => this.readLevel(readBackCtx, change), readBackCtx.deadline);
    } catch {
      now = null;
    }
    ctx.logger.warn({ vendorId: this.client.vendorId, errorClass: cause.errorClass, resolved: now?.available === target }, 'stock write outcome unknown; read back');
    if (now && now.available === target) return applied(now, fresh.available, target);
    if (now === null || now.available !== fresh.available) {
      const observed = now === null ? 'the level could not be read back' : `the level is now ${now.available}, neither the value before (${fresh.available}) nor the target (${target})`;
      return outcomeUnknownResult(fresh.available, now?.available ?? null, `${cause.message}; ${observed}`);
    }
    const message =
      now === null
        ? `${cause.message}; the change may or may not have been applied (the level could not be read back)`
        : now.available === fresh.available
          ? `${cause.message}; the change was not applied and can be retried`
          : `${cause.message}; the level is now ${now.available}, neither the value before (${fresh.available}) nor the target (${target})`;
    return { status: InventoryChangeStatus.FAILED, before: fresh.available, after: now?.available ?? null, level: now, error: { code: cause.code, message } };
  }

  private async readLevel(ctx: UpstreamCallContext, change: InventoryChange): Promise<InventoryLevel | null> {
    const outcomes = await this.lookup.fetch(ctx, this.mapping.lookup.byIds, this.mapping.fields.id, [change.product.nativeId]);
    const outcome = outcomes.get(change.product.nativeId)?.[0];
    if (!outcome) throw new GatewayError(ErrorCode.NOT_FOUND, `${change.product.nativeId} no longer exists at ${this.vendorName}`);
    if (!outcome.ok) throw shapeError(this.client.vendorId, `item ${change.product.nativeId} does not match the mapping: ${outcome.problem}`);
    const locationId = locationGlobalId(this.client.vendorId, change.locationNativeId);
    return outcome.product.inventoryLevels?.find((level) => level.locationId === locationId) ?? null;
  }
}

/** The write body: "{quantity}" / "{delta}" alone become numbers, other placeholders are spliced into text. */
export function renderTemplate(node: unknown, values: Readonly<Record<string, string | number>>): unknown {
  if (typeof node === 'string') {
    const whole = /^\{(\w+)\}$/.exec(node)?.[1];
    if (whole !== undefined && typeof values[whole] === 'number') return values[whole];
    return node.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
  }
  if (Array.isArray(node)) return node.map((item) => renderTemplate(item, values));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, renderTemplate(value, values)]));
  }
  return node;
}

function applied(fresh: InventoryLevel, before: number, after: number): InventoryChangeResult {
  const level = { ...fresh, available: after, onHand: fresh.onHand === null ? null : fresh.onHand + (after - fresh.available) };
  return { status: InventoryChangeStatus.APPLIED, before, after, level, error: null };
}

function failed(code: ErrorCode, message: string): InventoryChangeResult {
  return { status: InventoryChangeStatus.FAILED, before: null, after: null, level: null, error: { code, message } };
}

function failedFrom(error: unknown): InventoryChangeResult {
  if (error instanceof GatewayError) return failed(error.code, error.message);
  throw error;
}
