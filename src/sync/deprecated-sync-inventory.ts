import { mayUseVendor, visibleVendorIds } from '../auth/vendor-visibility.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { anySignal, timeoutSignal } from '../resilience/abortable.ts';
import type { StateStore } from '../store/state-store.ts';
import { SyncJobMode, SyncJobStatus, type SyncJobRecord } from '../store/sync-job-record.ts';
import type { SyncCallerContext } from './sync-caller-context.ts';
import { decodeJobCursor } from './sync-job-cursor.ts';

/** What the deprecated `syncInventory` answers per vendor (InventorySyncResult). */
export interface VendorSyncReport {
  readonly vendorId: string;
  readonly mode: SyncJobMode;
  readonly productsSeen: number;
  readonly levelsSeen: number;
  readonly changed: number;
  readonly pages: number;
  readonly durationMs: number;
  readonly errors: ReadonlyArray<{ readonly code: string; readonly message: string }>;
  readonly cursor: string | null;
  /** The background job that did (or is still doing) the work. */
  readonly job: SyncJobRecord;
}

/** Time kept back from the request deadline to answer after waiting. */
const ANSWER_MARGIN_MS = 250;

/**
 * `syncInventory`, kept for existing clients as a thin wrapper over background jobs: it starts
 * (or joins) one job per vendor, waits for them within the request's deadline, and answers what
 * each job did. A job still running at the deadline is answered with its progress so far and
 * keeps running (`job.status` RUNNING; poll `syncJob(id)`).
 */
export async function syncInventoryAsJobs(
  ctx: SyncCallerContext,
  jobs: {
    startJob(vendorId: string, mode: SyncJobMode): Promise<SyncJobRecord>;
    waitFor(id: string, signal: AbortSignal): Promise<SyncJobRecord | null>;
  },
  store: Pick<StateStore, 'getSyncCursor'>,
  vendorId: string | null,
  full: boolean,
): Promise<VendorSyncReport[]> {
  if (vendorId !== null && !mayUseVendor(ctx, vendorId)) {
    throw new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${vendorId}"`, { extensions: { field: 'vendorId' } });
  }
  const vendorIds = vendorId === null ? visibleVendorIds(ctx) : [vendorId];
  const mode = full ? SyncJobMode.FULL : SyncJobMode.INCREMENTAL;
  const started = await Promise.all(vendorIds.map((id) => jobs.startJob(id, mode)));
  const deadline = timeoutSignal(Math.max(0, ctx.deadline - Date.now() - ANSWER_MARGIN_MS));
  const until = anySignal([ctx.signal, deadline.signal]);
  try {
    const ended = await Promise.all(started.map(async (job) => (await jobs.waitFor(job.id, until.signal)) ?? job));
    return Promise.all(ended.map((job) => report(store, job)));
  } finally {
    until.dispose();
    deadline.dispose();
  }
}

async function report(store: Pick<StateStore, 'getSyncCursor'>, job: SyncJobRecord): Promise<VendorSyncReport> {
  const cursor = decodeJobCursor(job.cursor);
  const stored = await store.getSyncCursor(job.vendorId);
  const end = job.finishedAt ?? Date.now();
  return {
    vendorId: job.vendorId,
    // An incremental pass without a stored cursor reads everything: report it as what it was.
    mode: job.mode === SyncJobMode.INCREMENTAL && cursor !== null && cursor.since === null ? SyncJobMode.FULL : job.mode,
    productsSeen: job.processed,
    levelsSeen: cursor?.levelsSeen ?? 0,
    changed: cursor?.changed ?? 0,
    pages: cursor?.pages ?? 0,
    durationMs: Math.max(0, end - (job.startedAt ?? job.createdAt)),
    errors: job.status === SyncJobStatus.FAILED && job.error ? [{ code: job.error.code, message: job.error.message }] : [],
    cursor: stored?.updatedSince ?? null,
    job,
  };
}
