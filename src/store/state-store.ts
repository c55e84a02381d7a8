import type {
  ClaimSyncJobOutcome,
  ClaimSyncJobRequest,
  SyncJobFilter,
  SyncJobOutcome,
  SyncJobPage,
  SyncJobPageRequest,
  SyncJobProgress,
  SyncJobRecord,
} from './sync-job-record.ts';
import type { PurchaseOrderStore } from './purchase-order-record.ts';

/**
 * The one interface behind everything the gateway must remember across requests and restarts:
 * idempotency records, the inventory audit log, sync cursors, sync jobs, purchase orders
 * (purchase-order-record.ts) and a small key/value space.
 * SQLite (sqlite-state-store.ts) is the single-process implementation; a Redis or PostgreSQL one
 * implements the same interface and passes the same contract suite
 * (test/integration/store/state-store-contract.ts). Every method is async so a networked engine fits.
 * Times are epoch milliseconds, passed in by the caller (tests drive the clock).
 */
export interface StateStore extends PurchaseOrderStore {
  /**
   * Claims `(scope, key)` for one run. Atomic: of many concurrent begins of the same key (in any
   * process sharing the store), at most one acquires. A record past its TTL counts as absent.
   */
  beginIdempotent(request: BeginIdempotentRequest): Promise<BeginIdempotentOutcome>;

  /**
   * Stores the run's payload and appends its audit entries in one transaction, if `token` still
   * holds the lease. `final` completes the record (replays get the payload); otherwise the record
   * becomes PARTIAL and the next begin resumes it. Answers false when the lease was lost.
   */
  finishIdempotent(request: FinishIdempotentRequest): Promise<boolean>;

  /** Gives a claim back without a result (nothing was applied): the key becomes free again. */
  abandonIdempotent(scope: string, key: string, token: string): Promise<void>;

  getIdempotent(scope: string, key: string): Promise<IdempotencyRecord | null>;

  /** Deletes records whose TTL passed; answers how many. */
  purgeExpiredIdempotency(now: number): Promise<number>;

  appendAudit(entries: readonly AuditEntryInput[]): Promise<void>;

  /** Newest first; `afterSequence` continues below that entry. */
  queryAudit(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage>;

  /**
   * Starts a sync job for an account, atomically (in any process sharing the store): when a job of
   * `accountKey` is QUEUED or RUNNING, answers it ('active') and changes nothing; otherwise, when
   * the vendor's newest job FAILED in the same mode, makes it QUEUED again with its stored cursor
   * and progress ('resumed', error cleared); otherwise creates a QUEUED job with `id` ('created').
   */
  claimSyncJob(request: ClaimSyncJobRequest): Promise<ClaimSyncJobOutcome>;

  /**
   * Records progress of an active job (and makes a QUEUED one RUNNING, setting `startedAt` the
   * first time). Answers the job as stored afterwards, or null when it is not active any more
   * (cancelled meanwhile, or unknown): the runner then stops.
   */
  recordSyncJobProgress(id: string, progress: SyncJobProgress): Promise<SyncJobRecord | null>;

  /**
   * Makes the holder of `fencingToken` (a sync-job lease) the owner of an active job: stores the
   * token unless a larger one is stored. Answers the job as stored then (its cursor is where the
   * new owner continues), or null when the job is not active or a later owner fenced it. From
   * then on progress and finish writes carrying a smaller token are refused.
   */
  fenceSyncJob(id: string, fencingToken: number, now: number): Promise<SyncJobRecord | null>;

  /**
   * Ends an active job with a final status (SUCCEEDED, FAILED with `error`, CANCELLED), keeping
   * its cursor and progress. Answers the job afterwards, or null when it was not active.
   */
  finishSyncJob(id: string, outcome: SyncJobOutcome): Promise<SyncJobRecord | null>;

  getSyncJob(id: string): Promise<SyncJobRecord | null>;

  /** Newest first; `afterSequence` continues below that job. */
  listSyncJobs(filter: SyncJobFilter, page: SyncJobPageRequest): Promise<SyncJobPage>;

  getSyncCursor(vendorId: string): Promise<SyncCursor | null>;
  setSyncCursor(vendorId: string, cursor: SyncCursor): Promise<void>;

  /** Values of `keys` in `namespace` that exist. */
  getValues(namespace: string, keys: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Upserts in one transaction. */
  putValues(namespace: string, entries: ReadonlyArray<readonly [key: string, value: string]>, now: number): Promise<void>;

  close(): Promise<void>;
}

export const IdempotencyState = {
  /** A run holds the lease; others wait (same process) or get IDEMPOTENCY_IN_PROGRESS. */
  IN_PROGRESS: 'IN_PROGRESS',
  /** A run ended with some changes not applied (FAILED); the next begin resumes it. */
  PARTIAL: 'PARTIAL',
  /** Every change reached a final status; replays answer the stored payload. */
  COMPLETED: 'COMPLETED',
} as const;
export type IdempotencyState = (typeof IdempotencyState)[keyof typeof IdempotencyState];

export interface IdempotencyRecord {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly state: IdempotencyState;
  /** JSON of the last stored payload (COMPLETED, or PARTIAL progress); null before any. */
  readonly payload: string | null;
  readonly leaseExpiresAt: number;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface BeginIdempotentRequest {
  /** Who owns the key (the caller id): two scopes never share a record. */
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly now: number;
  /** How long the claim holds before another run may take it over. */
  readonly leaseMs: number;
  /** How long the record is kept after it was last written. */
  readonly ttlMs: number;
}

export type BeginIdempotentOutcome =
  /**
   * This run holds the lease. `resumed` is the progress an earlier run stored (PARTIAL), if any;
   * `tookOver` is true when an earlier run's lease expired without a result (it died mid-run).
   */
  | { readonly kind: 'acquired'; readonly token: string; readonly resumed: string | null; readonly tookOver: boolean }
  | { readonly kind: 'completed'; readonly payload: string }
  | { readonly kind: 'in-progress'; readonly leaseExpiresAt: number }
  /** The key was used for a different request. */
  | { readonly kind: 'fingerprint-mismatch' };

export interface FinishIdempotentRequest {
  readonly scope: string;
  readonly key: string;
  readonly token: string;
  readonly payload: string;
  readonly final: boolean;
  readonly audit: readonly AuditEntryInput[];
  readonly now: number;
  readonly ttlMs: number;
}

export const AuditMode = { SET: 'set', ADJUST: 'adjust' } as const;
export type AuditMode = (typeof AuditMode)[keyof typeof AuditMode];

/** One applied stock change. */
export interface AuditEntryInput {
  readonly at: number;
  readonly callerId: string;
  readonly requestId: string;
  readonly vendorId: string;
  /** Global IDs. */
  readonly productId: string;
  readonly locationId: string;
  readonly mode: AuditMode;
  readonly before: number | null;
  readonly after: number | null;
  readonly delta: number | null;
  readonly reason: string;
  readonly idempotencyKey: string;
}

export interface AuditEntry extends AuditEntryInput {
  /** Increases with every append; the paging position. */
  readonly sequence: number;
}

export interface AuditFilter {
  /** Only these vendors (null = any). An empty list matches nothing. */
  readonly vendorIds?: readonly string[] | null;
  readonly productId?: string | null;
  readonly idempotencyKey?: string | null;
  /** Inclusive lower bound on `at`. */
  readonly since?: number | null;
  /** Exclusive upper bound on `at`. */
  readonly until?: number | null;
}

export interface AuditPageRequest {
  readonly first: number;
  readonly afterSequence: number | null;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly hasNextPage: boolean;
}

export interface SyncCursor {
  /** Where the next incremental pass starts (the vendor's `updatedSince`); null = full pass next. */
  readonly updatedSince: string | null;
  readonly syncedAt: number;
}
