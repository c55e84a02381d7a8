import { ErrorCode, UpstreamErrorClass } from '../../errors/error-code.ts';
import { GatewayError, UpstreamError } from '../../errors/gateway-error.ts';
import type { InventoryLevel } from '../../model/standard-model.ts';
import type { LevelOutcome } from '../stock-writes/chained-results.ts';
import { readBackVerdict, type LevelWrite } from '../stock-writes/level-chain.ts';
import type { InventoryWriteOptions, UpstreamCallContext } from '../vendor-source.ts';
import { readBackContext, readBackPersistently } from '../stock-writes/write-outcome.ts';
import type { CustomClient } from './custom-client.ts';
import type { CustomWriteConfig, WritePlaceholder } from '../../config/vendors/custom/custom-write-config.ts';

/** Failures after which the vendor may or may not have applied the write. */
const UNKNOWN_OUTCOME: ReadonlySet<UpstreamErrorClass> = new Set([
  UpstreamErrorClass.TIMEOUT,
  UpstreamErrorClass.NETWORK,
  UpstreamErrorClass.SERVER,
]);

/** One level's write through the mapping's template (`write.key` names the level). */
export interface CustomWrite {
  readonly write: LevelWrite;
  readonly nativeId: string;
  readonly sku: string | null;
  readonly locationNativeId: string;
}

export interface CustomSendDeps {
  readonly client: CustomClient;
  readonly template: CustomWriteConfig;
  /** Reads the current levels of the given writes (batched), keyed like `write.key`. */
  readonly readLevels: (ctx: UpstreamCallContext, writes: readonly CustomWrite[]) => Promise<Map<string, InventoryLevel | null>>;
}

/**
 * One request per level through the mapping's `write` (a custom API has no batch write in the
 * mapping), all in parallel, never re-sent: nothing deduplicates them. Writes whose answer was
 * lost (timeout, reset, 5xx) are read back together in one batched lookup and decided by
 * readBackVerdict.
 */
export async function sendCustomWrites(deps: CustomSendDeps, ctx: UpstreamCallContext, writes: readonly CustomWrite[], options: InventoryWriteOptions): Promise<Map<string, LevelOutcome>> {
  const outcomes = new Map<string, LevelOutcome>();
  const lost: Array<{ item: CustomWrite; cause: UpstreamError }> = [];
  await Promise.all(
    writes.map(async (item) => {
      const { path, body } = render(deps.template, item, options);
      try {
        await deps.client.write(ctx, deps.template.method, path, body, 'setStock');
        outcomes.set(item.write.key, { kind: 'applied' });
      } catch (error) {
        if (error instanceof UpstreamError && UNKNOWN_OUTCOME.has(error.errorClass)) lost.push({ item, cause: error });
        else {
          const { code, message } = error instanceof GatewayError ? error : { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'the stock write failed' };
          outcomes.set(item.write.key, { kind: 'not-applied', code, message, observed: item.write.from });
        }
      }
    }),
  );
  if (lost.length > 0) for (const [key, outcome] of await readBack(deps, ctx, lost)) outcomes.set(key, outcome);
  return outcomes;
}

async function readBack(deps: CustomSendDeps, ctx: UpstreamCallContext, lost: ReadonlyArray<{ item: CustomWrite; cause: UpstreamError }>): Promise<Map<string, LevelOutcome>> {
  const readCtx = readBackContext(ctx);
  let now: Map<string, InventoryLevel | null> | null;
  try {
    now = await readBackPersistently(() => deps.readLevels(readCtx, lost.map(({ item }) => item)), readCtx.deadline);
  } catch {
    now = null;
  }
  const outcomes = new Map<string, LevelOutcome>();
  for (const { item, cause } of lost) {
    const { write } = item;
    const level = now?.get(write.key) ?? null;
    const observed = level?.available ?? null;
    const verdict = readBackVerdict(observed, write);
    ctx.logger.warn({ vendorId: deps.client.vendorId, errorClass: cause.errorClass, verdict }, 'stock write outcome unknown; read back');
    const what = level === null ? 'the level could not be read back' : `the level is now ${String(observed)}, neither the value before (${String(write.from)}) nor the target (${String(write.to)})`;
    const outcome: LevelOutcome =
      verdict === 'applied'
        ? { kind: 'applied' }
        : verdict === 'not-applied'
          ? { kind: 'not-applied', code: cause.code, message: `${cause.message}; the change was not applied and can be retried`, observed }
          : { kind: 'unknown', message: `${cause.message}; ${what}`, observed };
    outcomes.set(write.key, outcome);
  }
  return outcomes;
}

function render(template: CustomWriteConfig, item: CustomWrite, options: InventoryWriteOptions): { path: string; body: unknown } {
  const values: Record<WritePlaceholder, string | number> = {
    id: item.nativeId,
    sku: item.sku ?? '',
    locationId: item.locationNativeId,
    quantity: item.write.to,
    delta: item.write.to - item.write.from,
    reason: options.reason,
    idempotencyKey: options.idempotencyKey,
  };
  const path = template.path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(String(values[name as WritePlaceholder])));
  return { path, body: renderTemplate(template.body, values) };
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
