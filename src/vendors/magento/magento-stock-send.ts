import { ErrorCode, UpstreamErrorClass } from '../../errors/error-code.ts';
import { GatewayError, UpstreamError } from '../../errors/gateway-error.ts';
import type { LevelOutcome } from '../stock-writes/chained-results.ts';
import { readBackVerdict, type LevelWrite } from '../stock-writes/level-chain.ts';
import type { UpstreamCallContext } from '../vendor-source.ts';
import { readBackContext, readBackPersistently } from '../stock-writes/write-outcome.ts';
import type { MagentoCatalogReader } from './magento-catalog-reader.ts';
import type { MagentoClient } from './magento-client.ts';
import type { MagentoVendorConfig } from '../../config/vendors/magento-config.ts';
import { LEGACY_STOCK_ITEM_OPERATION, legacyStockItemPath, MagentoEndpoint } from './magento-endpoints.ts';
import type { MagentoStockLayout } from './magento-stock-directory.ts';
import { readMagentoLevels, type MagentoLevel, type MagentoLevelKey } from './magento-stock-levels.ts';

/** Time kept back from the caller's deadline for reading a level back after a write timed out. */
const READ_BACK_RESERVE_MS = 2_000;

/** One level's absolute write (`write.key` is `level.key`). */
export interface MagentoWrite {
  readonly level: MagentoLevelKey;
  readonly write: LevelWrite;
  /** Legacy stock item id (PUT path). */
  readonly itemId?: number;
}

export interface MagentoSendDeps {
  readonly client: MagentoClient;
  readonly config: MagentoVendorConfig;
  readonly reader: MagentoCatalogReader;
  readonly layout: MagentoStockLayout;
}

/**
 * Sends absolute targets, marked NOT idempotent so no policy ever re-sends them: MSI
 * `POST /V1/inventory/source-items` in batches of the synchronous input-list limit, or on a legacy
 * store one `PUT /V1/products/{sku}/stockItems/{itemId}` per SKU (that API has no batch write).
 * A refused write changed nothing; a write whose answer was lost (timeout, reset, 5xx) is decided
 * by reading its levels back (readBackVerdict), never by sending it again.
 */
export async function sendMagentoWrites(deps: MagentoSendDeps, ctx: UpstreamCallContext, writes: readonly MagentoWrite[]): Promise<Map<string, LevelOutcome>> {
  const outcomes = new Map<string, LevelOutcome>();
  const batches = deps.layout.mode === 'msi' ? chunk(writes, deps.config.inputListLimit) : writes.map((write) => [write]);
  for (const batch of batches) {
    try {
      await deps.client.call(writeContext(ctx), deps.layout.mode === 'msi' ? sourceItemsSave(batch) : legacyPut(batch[0]!));
      for (const { write } of batch) outcomes.set(write.key, { kind: 'applied' });
    } catch (error) {
      for (const [key, outcome] of await resolveFailedWrite(deps, ctx, batch, error)) outcomes.set(key, outcome);
    }
  }
  return outcomes;
}

function sourceItemsSave(batch: readonly MagentoWrite[]) {
  const sourceItems = batch.map(({ level, write }) => ({
    sku: level.sku,
    source_code: level.source,
    quantity: write.to,
    // MSI keeps an explicit in/out-of-stock flag per source item; it follows the new quantity.
    status: write.to > 0 ? 1 : 0,
  }));
  const endpoint = MagentoEndpoint.SOURCE_ITEMS_SAVE;
  return { method: 'POST' as const, path: endpoint.path, body: { sourceItems }, operation: endpoint.operation, idempotent: false };
}

function legacyPut({ level, write, itemId }: MagentoWrite) {
  const body = { stockItem: { qty: write.to, is_in_stock: write.to > 0 } };
  return { method: 'PUT' as const, path: legacyStockItemPath(level.sku, itemId ?? 0), body, operation: LEGACY_STOCK_ITEM_OPERATION, idempotent: false };
}

async function resolveFailedWrite(deps: MagentoSendDeps, ctx: UpstreamCallContext, batch: readonly MagentoWrite[], error: unknown): Promise<Map<string, LevelOutcome>> {
  const { code, message } = describe(error);
  const outcomes = new Map<string, LevelOutcome>();
  if (!outcomeUnknown(error)) {
    for (const { write } of batch) outcomes.set(write.key, { kind: 'not-applied', code, message: `${message}; nothing was changed`, observed: write.from });
    return outcomes;
  }
  ctx.logger.warn({ vendorId: deps.config.id, levels: batch.length }, 'magento stock write outcome unknown; reading the levels back');
  let observed: Map<string, MagentoLevel>;
  try {
    const readCtx = readBackContext(ctx);
    observed = await readBackPersistently(() => readMagentoLevels(deps.reader, deps.layout, readCtx, batch.map((item) => item.level)), readCtx.deadline);
  } catch {
    for (const { write } of batch) outcomes.set(write.key, { kind: 'unknown', message: `${message}; the level could not be read back`, observed: null });
    return outcomes;
  }
  for (const { write } of batch) {
    const now = observed.get(write.key)?.quantity ?? null;
    const verdict = readBackVerdict(now, write);
    outcomes.set(
      write.key,
      verdict === 'applied'
        ? { kind: 'applied' }
        : verdict === 'not-applied'
          ? { kind: 'not-applied', code, message: `${message}; read back: not applied, safe to retry`, observed: now }
          : { kind: 'unknown', message: `${message}; read back: the level is now ${String(now)}, changed by someone else`, observed: now },
    );
  }
  return outcomes;
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'unexpected error' };
}

/** The request may have reached Magento and been applied: timeouts, dropped connections, 5xx. */
function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  return error.errorClass === UpstreamErrorClass.TIMEOUT || error.errorClass === UpstreamErrorClass.NETWORK || error.errorClass === UpstreamErrorClass.SERVER;
}

/** The write gives up early enough to leave time for a read-back inside the caller's deadline. */
function writeContext(ctx: UpstreamCallContext): UpstreamCallContext {
  const remaining = ctx.deadline - Date.now();
  // Whole milliseconds: deadlines are integer epoch ms (AbortSignal.timeout rejects fractions).
  return { ...ctx, deadline: Date.now() + Math.max(1, Math.floor(remaining - Math.min(READ_BACK_RESERVE_MS, remaining / 3))) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
