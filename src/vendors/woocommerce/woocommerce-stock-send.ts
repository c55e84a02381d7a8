import { ErrorCode, UpstreamErrorClass } from '../../errors/error-code.ts';
import { GatewayError, UpstreamError } from '../../errors/gateway-error.ts';
import type { LevelOutcome } from '../stock-writes/chained-results.ts';
import { readBackVerdict, type LevelWrite } from '../stock-writes/level-chain.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { readBackContext, readBackPersistently } from '../stock-writes/write-outcome.ts';
import type { WooCommerceClient } from './woocommerce-client.ts';
import { WOO_MAX_BATCH, chunk, wooPaths } from './woocommerce-endpoints.ts';
import type { WooItemRef } from './woocommerce-native-id.ts';
import { parseWoo } from './woocommerce-parse.ts';
import { readWooStocks } from './woocommerce-stock-reader.ts';
import { wooBatchResponseSchema, wooStockSchema, type WooStock } from './woocommerce-schemas.ts';

/** One item's absolute write: the level (`write.key` is the item's native ID) and where it lives. */
export interface WooWrite {
  readonly write: LevelWrite;
  readonly ref: WooItemRef;
}

/** A level's outcome, with the modification time WooCommerce reported when it answered. */
export interface WooWriteOutcome {
  readonly outcome: LevelOutcome;
  readonly modifiedGmt: string | null | undefined;
}

/** Write-outcome classes that may have reached WooCommerce: the stock must be read back. */
const UNKNOWN_OUTCOME: ReadonlySet<UpstreamErrorClass> = new Set([
  UpstreamErrorClass.TIMEOUT,
  UpstreamErrorClass.NETWORK,
  UpstreamErrorClass.SERVER,
  UpstreamErrorClass.VALIDATION,
]);

type BatchOutcome = WooStock | { id: number; error: { code: string; message: string } };

/**
 * Sends absolute `stock_quantity` writes: one `PUT` when there is a single write, else one
 * `POST …/batch` per endpoint (products, or one parent's variations; ≤ 100 updates each), all in
 * parallel. Writes are never retried (`idempotent: false`). A write whose answer is lost (timeout,
 * reset, 5xx, unreadable body), or that the answer does not mention, is read back: the level now
 * decides (readBackVerdict), never a second send.
 */
export async function sendWooWrites(client: WooCommerceClient, vendorId: string, ctx: UpstreamCallContext, writes: readonly WooWrite[]): Promise<Map<string, WooWriteOutcome>> {
  const outcomes = new Map<string, WooWriteOutcome>();
  const single = writes.length === 1;
  await Promise.all(
    groups(writes).map(async (group) => {
      let answered: Map<number, BatchOutcome>;
      try {
        answered = single ? await putOne(client, vendorId, ctx, group.writes[0]!) : await postBatch(client, vendorId, ctx, group);
      } catch (error) {
        if (error instanceof UpstreamError && UNKNOWN_OUTCOME.has(error.errorClass)) {
          for (const [key, outcome] of await readBack(client, vendorId, ctx, group.writes, { code: error.code, message: error.message })) outcomes.set(key, outcome);
          return;
        }
        const { code, message } = describe(error);
        for (const { write } of group.writes) outcomes.set(write.key, { outcome: { kind: 'not-applied', code, message: `${message}; the write was refused`, observed: write.from }, modifiedGmt: undefined });
        return;
      }
      const unreported: WooWrite[] = [];
      for (const item of group.writes) {
        const outcome = answered.get(itemId(item.ref));
        if (!outcome) unreported.push(item);
        else if ('error' in outcome) {
          const message = `${outcome.error.message} (${outcome.error.code})`;
          outcomes.set(item.write.key, { outcome: { kind: 'not-applied', code: ErrorCode.VENDOR_REJECTED, message, observed: item.write.from }, modifiedGmt: undefined });
        } else outcomes.set(item.write.key, { outcome: { kind: 'applied' }, modifiedGmt: outcome.date_modified_gmt });
      }
      if (unreported.length > 0) {
        for (const [key, outcome] of await readBack(client, vendorId, ctx, unreported, { code: ErrorCode.VENDOR_ERROR, message: 'WooCommerce did not report this item in its answer' })) outcomes.set(key, outcome);
      }
    }),
  );
  return outcomes;
}

async function readBack(client: WooCommerceClient, vendorId: string, ctx: UpstreamCallContext, writes: readonly WooWrite[], cause: { code: string; message: string }): Promise<Map<string, WooWriteOutcome>> {
  ctx.logger.warn({ vendorId, items: writes.length, cause: cause.message }, 'woocommerce stock write outcome unknown; reading back');
  const outcomes = new Map<string, WooWriteOutcome>();
  let now: Map<string, WooStock>;
  try {
    const readCtx = readBackContext(ctx);
    now = await readBackPersistently(() => readWooStocks(client, vendorId, readCtx, writes.map((item) => item.ref)), readCtx.deadline);
  } catch {
    for (const { write } of writes) outcomes.set(write.key, { outcome: { kind: 'unknown', message: `${cause.message}; the stock could not be read back`, observed: null }, modifiedGmt: undefined });
    return outcomes;
  }
  for (const { write } of writes) {
    const stock = now.get(write.key);
    const observed = stock?.stock_quantity ?? null;
    const verdict = readBackVerdict(observed, write);
    const outcome: LevelOutcome =
      verdict === 'applied'
        ? { kind: 'applied' }
        : verdict === 'not-applied'
          ? { kind: 'not-applied', code: cause.code, message: `${cause.message}; the write did not take effect (read back ${String(observed)}, intended ${String(write.to)}); safe to retry`, observed }
          : { kind: 'unknown', message: `${cause.message}; read back ${String(observed)}, neither the value before (${String(write.from)}) nor the target (${String(write.to)})`, observed };
    outcomes.set(write.key, { outcome, modifiedGmt: stock?.date_modified_gmt });
  }
  return outcomes;
}

interface WriteGroup {
  readonly batchPath: string;
  readonly writes: readonly WooWrite[];
}

/** One batch endpoint per group (products, or one parent's variations), at most 100 updates each. */
function groups(writes: readonly WooWrite[]): WriteGroup[] {
  const byPath = new Map<string, WooWrite[]>();
  for (const item of writes) {
    const path = item.ref.kind === 'product' ? wooPaths.productsBatch() : wooPaths.variationsBatch(item.ref.productId);
    byPath.set(path, [...(byPath.get(path) ?? []), item]);
  }
  return [...byPath].flatMap(([batchPath, list]) => chunk(list, WOO_MAX_BATCH).map((group) => ({ batchPath, writes: group })));
}

async function putOne(client: WooCommerceClient, vendorId: string, ctx: UpstreamCallContext, item: WooWrite): Promise<Map<number, BatchOutcome>> {
  const { ref } = item;
  const path = ref.kind === 'product' ? wooPaths.product(ref.productId) : wooPaths.variation(ref.productId, ref.variationId);
  const body = await client.write(ctx, 'PUT', path, { stock_quantity: item.write.to }, 'updateStock');
  const stock = parseWoo(wooStockSchema, body, 'updateStock', vendorId);
  return new Map([[stock.id, stock]]);
}

async function postBatch(client: WooCommerceClient, vendorId: string, ctx: UpstreamCallContext, group: WriteGroup): Promise<Map<number, BatchOutcome>> {
  const update = group.writes.map((item) => ({ id: itemId(item.ref), stock_quantity: item.write.to }));
  const body = await client.write(ctx, 'POST', group.batchPath, { update }, 'batchUpdateStock');
  const answer = parseWoo(wooBatchResponseSchema, body, 'batchUpdateStock', vendorId);
  return new Map(answer.update.map((item) => [item.id, item]));
}

function itemId(ref: WooItemRef): number {
  return ref.kind === 'product' ? ref.productId : ref.variationId;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'the stock write failed' };
}
