import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { mayUseVendor } from '../auth/vendor-visibility.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import { ErrorCode } from '../errors/error-code.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { StockChangeListener } from '../stock-changes/stock-change-listener.ts';
import type { InventoryEventBus } from '../realtime/inventory-event-bus.ts';
import type { StateStore } from '../store/state-store.ts';
import {
  ACTIVE_SYNC_JOB_STATUSES,
  SyncJobStatus,
  type SyncJobMode,
  type SyncJobPage,
  type SyncJobPageRequest,
  type SyncJobRecord,
} from '../store/sync-job-record.ts';
import type { VendorRegistry } from '../vendors/vendor-registry.ts';
import { syncInventoryAsJobs, type VendorSyncReport } from './deprecated-sync-inventory.ts';
import type { SyncCallerContext } from './sync-caller-context.ts';
import { syncJobConnection, type SyncJobConnectionResult, type SyncJobsArgs } from './sync-job-connection.ts';
import { runIfOwner, type SyncJobOwnership } from './sync-job-ownership.ts';
import { SyncJobRunner } from './sync-job-runner.ts';
import { accountKeyResolver } from './vendor-account-key.ts';

export interface SyncJobServiceDeps {
  readonly config: GatewayConfig;
  readonly registry: VendorRegistry;
  readonly store: StateStore;
  /** The stock-change fan-out (read cache invalidation). */
  readonly listener: StockChangeListener;
  /** Where jobs publish SYNC events; optional until the gateway has a bus. */
  readonly bus?: InventoryEventBus | undefined;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Deadline of one page, default 10 minutes (a Shopify Standard shop restores 100 points/s). */
  readonly pageTimeoutMs?: number;
  /** Waits before re-reading a failed page (retryable failures); default 1 s, 5 s, 15 s. */
  readonly retryDelaysMs?: readonly number[];
  /** SKUs per page for every vendor (a bench knob); default each vendor's `sync.pageSize`, else its largest page. */
  readonly pageSize?: number;
  /**
   * Several instances (Redis configured): a job runs only in the instance holding its account's
   * lease. Absent: this process runs every job it starts or resumes, as one process always did.
   */
  readonly ownership?: SyncJobOwnership | null;
}

const DEFAULT_PAGE_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 15_000];
const STOP_SHUTDOWN = 'shutdown';

/**
 * Background inventory sync jobs: started by callers, by the incremental schedule, and at
 * start-up for jobs a previous process left RUNNING. The store decides, atomically, that a vendor
 * account has at most one active job; this process runs the jobs it started or resumed, each with
 * its own AbortController (cancel, shutdown). Shutdown stops them without finishing them, so the
 * next start-up resumes them from their stored cursor under the same id.
 *
 * With `ownership` (several instances on one store) a job runs only where its account's lease is
 * held: any instance may start a job and answer it, but the lease holder runs it, and
 * `watchUnowned` lets a live instance take over a job whose owner died (its lease expired).
 */
export class SyncJobService {
  private readonly deps: SyncJobServiceDeps;
  private readonly runner: SyncJobRunner;
  private readonly accountKey: (vendorId: string) => string;
  private readonly now: () => number;
  private readonly running = new Map<string, { readonly controller: AbortController; readonly done: Promise<void> }>();
  private closed = false;
  private watch: NodeJS.Timeout | null = null;

  constructor(deps: SyncJobServiceDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.accountKey = accountKeyResolver(deps.config.vendors);
    this.runner = new SyncJobRunner({
      store: deps.store,
      registry: deps.registry,
      listener: deps.listener,
      bus: deps.bus,
      logger: deps.logger.child({ component: 'sync-jobs' }),
      now: this.now,
      pageTimeoutMs: deps.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
      retryDelaysMs: deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      pageSizeOf: (vendorId) => deps.pageSize ?? deps.config.vendors.find((vendor) => vendor.id === vendorId)?.sync?.pageSize,
    });
  }

  /** Starts a job for a vendor the caller may use, or answers the account's running job. */
  async start(ctx: SyncCallerContext, vendorId: string, mode: SyncJobMode): Promise<SyncJobRecord> {
    if (!mayUseVendor(ctx, vendorId)) throw vendorNotFound(vendorId);
    return this.startJob(vendorId, mode);
  }

  /** The job, or null when there is none the caller may see. */
  async get(ctx: SyncCallerContext, id: string): Promise<SyncJobRecord | null> {
    const job = await this.deps.store.getSyncJob(id);
    return job && mayUseVendor(ctx, job.vendorId) ? job : null;
  }

  /** Jobs of one vendor or of every vendor the caller may use, newest first, as a Relay connection. */
  page(ctx: SyncCallerContext, args: SyncJobsArgs): Promise<SyncJobConnectionResult> {
    return syncJobConnection(ctx, this, this.deps.config.limits.maxPageSize, args);
  }

  /** Jobs of these vendors, newest first (the caller's visibility is decided by the caller). */
  list(vendorIds: readonly string[], page: SyncJobPageRequest): Promise<SyncJobPage> {
    return this.deps.store.listSyncJobs({ vendorIds }, page);
  }

  /** The deprecated `syncInventory`: jobs started or joined, waited for within the request's deadline. */
  syncInventory(ctx: SyncCallerContext, vendorId: string | null, full: boolean): Promise<VendorSyncReport[]> {
    return syncInventoryAsJobs(ctx, this, this.deps.store, vendorId, full);
  }

  /** Ends an active job as CANCELLED (a finished job is answered as it is). */
  async cancel(ctx: SyncCallerContext, id: string): Promise<SyncJobRecord> {
    const job = await this.get(ctx, id);
    if (!job) throw new GatewayError(ErrorCode.NOT_FOUND, `No sync job with id "${id}"`, { extensions: { field: 'id' } });
    const cancelled = await this.deps.store.finishSyncJob(id, { status: SyncJobStatus.CANCELLED, error: null, now: this.now() });
    const local = this.running.get(id);
    if (local) {
      local.controller.abort('cancelled');
      await local.done;
    }
    return cancelled ?? ((await this.deps.store.getSyncJob(id)) as SyncJobRecord);
  }

  /**
   * Starts (or joins) a job without a caller: the schedule, the deprecated `syncInventory`.
   * A job this process creates or resumes runs here at once; an active job is left to its runner.
   */
  async startJob(vendorId: string, mode: SyncJobMode): Promise<SyncJobRecord> {
    this.deps.registry.get(vendorId);
    const outcome = await this.deps.store.claimSyncJob({ id: randomUUID(), vendorId, accountKey: this.accountKey(vendorId), mode, now: this.now() });
    if (outcome.kind !== 'active') void this.launch(outcome.job);
    return outcome.job;
  }

  /**
   * Resumes every job a previous process left QUEUED or RUNNING (call once at start-up); with
   * `ownership`, only those whose lease this instance takes (another live instance runs the rest).
   * Answers how many now run here.
   */
  async resumeInterrupted(): Promise<number> {
    let resumed = 0;
    let after: number | null = null;
    for (;;) {
      const page = await this.deps.store.listSyncJobs({ statuses: ACTIVE_SYNC_JOB_STATUSES }, { first: 100, afterSequence: after });
      for (const job of page.jobs) {
        if (this.running.has(job.id)) continue;
        if (!this.deps.registry.find(job.vendorId)) {
          const error = { code: ErrorCode.NOT_FOUND, message: `Vendor "${job.vendorId}" is no longer configured`, retryable: false };
          await this.deps.store.finishSyncJob(job.id, { status: SyncJobStatus.FAILED, error, now: this.now() });
          continue;
        }
        if (await this.launch(job)) resumed += 1;
      }
      if (!page.hasNextPage) return resumed;
      after = page.jobs.at(-1)!.sequence;
    }
  }

  /**
   * Waits until the job ends in this process or `signal` aborts (the request deadline), then
   * answers the job as stored. A job running elsewhere is answered as it stands.
   */
  async waitFor(id: string, signal: AbortSignal): Promise<SyncJobRecord | null> {
    const local = this.running.get(id);
    if (local && !signal.aborted) {
      await new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => resolve(), { once: true });
        void local.done.then(resolve);
      });
    }
    return this.deps.store.getSyncJob(id);
  }

  /**
   * With `ownership`: every lease TTL, looks for active jobs nobody runs (their owner died, so its
   * lease expired; or a job was queued while its lease was still held) and runs them here from
   * their stored cursor. Without it there is nobody else to take over: does nothing.
   */
  watchUnowned(): void {
    const ownership = this.deps.ownership;
    if (!ownership || this.watch || this.closed) return;
    let checking = false;
    this.watch = setInterval(() => {
      if (checking) return;
      checking = true;
      this.resumeInterrupted()
        .then((taken) => {
          if (taken > 0) this.deps.logger.info({ taken }, 'took over sync jobs nobody was running');
        })
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not look for unowned sync jobs; trying again'))
        .finally(() => (checking = false));
    }, ownership.ttlMs);
    this.watch.unref();
  }

  /** Stops every job of this process without finishing it; the next start-up resumes them. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.watch) clearInterval(this.watch);
    const all = [...this.running.values()];
    for (const { controller } of all) controller.abort(STOP_SHUTDOWN);
    await Promise.all(all.map(({ done }) => done));
  }

  /**
   * Runs the job in the background; answers once it is known whether it runs here (false: it is
   * finished meanwhile, shutting down, or another instance owns it and runs it).
   */
  private launch(job: SyncJobRecord): Promise<boolean> {
    if (this.closed || this.running.has(job.id)) return Promise.resolve(false);
    const controller = new AbortController();
    let decided!: (runsHere: boolean) => void;
    const runsHere = new Promise<boolean>((resolve) => (decided = resolve));
    const logger = this.deps.logger.child({ component: 'sync-jobs', syncJobId: job.id });
    const done = runIfOwner(this.deps.ownership ?? null, this.deps.store, job, { signal: controller.signal, logger, now: this.now }, (owned, signal, fencingToken) => {
      decided(true);
      return this.runToEnd(owned, signal, fencingToken);
    })
      .then(
        (ran) => {
          if (!ran) logger.debug({ accountKey: job.accountKey }, 'sync job owned by another instance');
        },
        // The lease could not be asked for (Redis unreachable): leave the job as stored; the owner,
        // or the next look for unowned jobs, runs it.
        (error: unknown) => logger.warn({ err: error }, 'could not take the sync job lease; leaving the job to its owner'),
      )
      .finally(() => {
        decided(false);
        this.running.delete(job.id);
      });
    this.running.set(job.id, { controller, done });
    return runsHere;
  }

  private async runToEnd(job: SyncJobRecord, signal: AbortSignal, fencingToken: number | null): Promise<void> {
    try {
      await this.runner.run(job, signal, fencingToken);
    } catch (error) {
      // The runner itself broke (the store failed, say): end the job rather than leave it holding
      // its account. Starting the vendor's sync again resumes it from its cursor.
      this.deps.logger.error({ err: error, syncJobId: job.id }, 'sync job runner failed');
      const failure = { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'The sync job stopped unexpectedly', retryable: true };
      await this.deps.store.finishSyncJob(job.id, { status: SyncJobStatus.FAILED, error: failure, now: this.now(), fencingToken }).catch(() => null);
    }
  }
}

function vendorNotFound(vendorId: string): GatewayError {
  return new GatewayError(ErrorCode.NOT_FOUND, `No vendor with id "${vendorId}"`, { extensions: { field: 'vendorId' } });
}
