import type { Logger } from 'pino';
import type { StockChangeListener } from '../stock-changes/stock-change-listener.ts';
import type { InventoryEventBus } from '../realtime/inventory-event-bus.ts';
import { anySignal, timeoutSignal, untilAborted } from '../resilience/abortable.ts';
import type { StateStore } from '../store/state-store.ts';
import { SyncJobMode, SyncJobStatus, type SyncJobRecord } from '../store/sync-job-record.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import type { ProductPage, UpstreamCallContext, VendorSource } from '../vendors/vendor-source.ts';
import { decodeJobCursor, encodeJobCursor, initialCursor, laterInstant, type SyncJobCursor } from './sync-job-cursor.ts';
import { syncJobError } from './sync-job-error.ts';
import { recordPageChanges } from './sync-page-changes.ts';

export interface SyncJobRunnerOptions {
  readonly store: StateStore;
  readonly registry: VendorRegistry;
  /** Told which products' stock changed (the read cache). */
  readonly listener: StockChangeListener;
  /** Where SYNC events go, when the gateway has a bus. */
  readonly bus?: InventoryEventBus | undefined;
  readonly logger: Logger;
  readonly now: () => number;
  /** Deadline of one page (its upstream calls, budget waits included); not of the job. */
  readonly pageTimeoutMs: number;
  /** Waits before reading a page again after a retryable failure; as many retries as entries. */
  readonly retryDelaysMs: readonly number[];
  /** SKUs per page of a vendor (its `sync.pageSize`); undefined = the vendor's largest page. */
  readonly pageSizeOf: (vendorId: string) => number | undefined;
  /** Log progress every this many pages. */
  readonly progressEveryPages?: number;
}

/**
 * Runs one sync job to its end, page by page, outside any request: each page gets its own
 * deadline (long enough to wait for the vendor's budget — Shopify's cost bucket, the REST
 * vendors' request rate — instead of failing), and after each page the job's progress and cursor
 * are stored, so a job interrupted by a restart continues at the page it was reading.
 *
 * `signal` stops it without touching the stored job (shutdown; or a cancel, which the caller has
 * already stored). A page that keeps failing after the retries ends the job FAILED with the
 * vendor's error code; its cursor stays, and starting the job again continues there.
 */
export class SyncJobRunner {
  private readonly options: SyncJobRunnerOptions;

  constructor(options: SyncJobRunnerOptions) {
    this.options = options;
  }

  /**
   * Answers the job as stored at its end, or null when it stopped early (signal, cancel elsewhere,
   * or a later owner's `fencingToken` stored: every write carries this run's token, see sync-job-ownership.ts).
   */
  async run(job: SyncJobRecord, signal: AbortSignal, fencingToken: number | null = null): Promise<SyncJobRecord | null> {
    const { store, now } = this.options;
    const source = this.options.registry.get(job.vendorId);
    const logger = this.options.logger.child({ vendorId: job.vendorId, syncJobId: job.id, mode: job.mode });
    const stored = decodeJobCursor(job.cursor);
    let cursor = stored ?? initialCursor(job.mode === SyncJobMode.INCREMENTAL ? ((await store.getSyncCursor(job.vendorId))?.updatedSince ?? null) : null);
    let processed = stored ? job.processed : 0;
    let total = stored ? job.total : null;
    if (!(await store.recordSyncJobProgress(job.id, { processed, total, cursor: encodeJobCursor(cursor), now: now(), fencingToken }))) return null;
    logger.info({ resumedAt: stored ? processed : null }, stored ? 'sync job resumed' : 'sync job started');
    try {
      total ??= await this.withRetries(signal, logger, (ctx) => source.countProducts(ctx, filterOf(cursor)), job.id);
      for (;;) {
        const read = cursor;
        const { page, changed, levelsSeen } = await this.withRetries(signal, logger, (ctx) => this.readPage(ctx, source, job.id, read), job.id);
        processed += page.products.length;
        cursor = {
          after: page.hasNextPage ? page.endCursor : null,
          since: read.since,
          maxUpdatedAt: page.products.reduce((max, product) => laterInstant(max, product.updatedAt), read.maxUpdatedAt),
          pages: read.pages + 1,
          levelsSeen: read.levelsSeen + levelsSeen,
          changed: read.changed + changed,
        };
        if (!(await store.recordSyncJobProgress(job.id, { processed, total, cursor: encodeJobCursor(cursor), now: now(), fencingToken }))) return null;
        if (cursor.pages % (this.options.progressEveryPages ?? 10) === 0) logger.info({ processed, total, pages: cursor.pages }, 'sync job progress');
        if (cursor.after === null) break;
      }
      const finished = await store.finishSyncJob(job.id, { status: SyncJobStatus.SUCCEEDED, error: null, now: now(), fencingToken });
      // Only the run whose finish was accepted moves the vendor's incremental cursor (a fenced-out owner does not).
      if (!finished) return null;
      if (cursor.maxUpdatedAt) await store.setSyncCursor(job.vendorId, { updatedSince: cursor.maxUpdatedAt, syncedAt: now() });
      logger.info({ processed, pages: cursor.pages, changed: cursor.changed }, 'sync job succeeded');
      return finished;
    } catch (error) {
      if (signal.aborted) return null;
      const failure = syncJobError(error, job.vendorId);
      logger.warn({ err: error, code: failure.code, processed }, 'sync job failed');
      return store.finishSyncJob(job.id, { status: SyncJobStatus.FAILED, error: failure, now: now(), fencingToken });
    }
  }

  private async readPage(ctx: UpstreamCallContext, source: VendorSource, jobId: string, cursor: SyncJobCursor): Promise<{ page: ProductPage; changed: number; levelsSeen: number }> {
    const page = await source.listProducts(ctx, {
      first: Math.min(this.options.pageSizeOf(source.info.id) ?? source.limits.maxPageSize, source.limits.maxPageSize),
      after: cursor.after,
      filter: filterOf(cursor),
      includeInventoryLevels: true,
    });
    const changes = await recordPageChanges(this.options, ctx, source, jobId, page.products);
    return { page, changed: changes.changedProductIds.length, levelsSeen: changes.levelsSeen };
  }

  /** Runs `step` with a fresh page deadline, again after each retryable failure while retries are left. */
  private async withRetries<T>(signal: AbortSignal, logger: Logger, step: (ctx: UpstreamCallContext) => Promise<T>, jobId: string): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const deadline = timeoutSignal(this.options.pageTimeoutMs);
      const pageSignal = anySignal([signal, deadline.signal]);
      const ctx: UpstreamCallContext = { requestId: `sync-${jobId}`, logger, signal: pageSignal.signal, deadline: Date.now() + this.options.pageTimeoutMs };
      try {
        // A source that does not honour its signal still cannot hold a cancel or a shutdown.
        return await untilAborted(step(ctx), signal, () => new Error('sync job stopped'));
      } catch (error) {
        const delay = this.options.retryDelaysMs[attempt];
        if (signal.aborted || delay === undefined || !syncJobError(error, '').retryable) throw error;
        logger.info({ attempt: attempt + 1, delayMs: delay, code: syncJobError(error, '').code }, 'sync page failed; reading it again');
        await sleep(delay, signal);
      } finally {
        pageSignal.dispose();
        deadline.dispose();
      }
    }
  }
}

function filterOf(cursor: SyncJobCursor): { updatedSince?: string } {
  return cursor.since ? { updatedSince: cursor.since } : {};
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('sync job stopped'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('sync job stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
