/** What the state store keeps of a background inventory sync job (src/sync runs them). */

export const SyncJobStatus = {
  QUEUED: 'QUEUED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
} as const;
export type SyncJobStatus = (typeof SyncJobStatus)[keyof typeof SyncJobStatus];

/** A job in one of these holds its vendor account: no second job of that account may start. */
export const ACTIVE_SYNC_JOB_STATUSES: readonly SyncJobStatus[] = [SyncJobStatus.QUEUED, SyncJobStatus.RUNNING];

export const SyncJobMode = { FULL: 'FULL', INCREMENTAL: 'INCREMENTAL' } as const;
export type SyncJobMode = (typeof SyncJobMode)[keyof typeof SyncJobMode];

export interface SyncJobError {
  /** A code of the documented list (ErrorCode), usually the vendor's: VENDOR_UNAVAILABLE, ... */
  readonly code: string;
  /** Safe to show (never a raw vendor body). */
  readonly message: string;
  readonly retryable: boolean;
}

export interface SyncJobRecord {
  readonly id: string;
  readonly vendorId: string;
  /** The vendor account the job reads (two vendor entries on one shop share it). */
  readonly accountKey: string;
  readonly mode: SyncJobMode;
  readonly status: SyncJobStatus;
  /** SKUs read so far. */
  readonly processed: number;
  /** SKUs the vendor reported at the start, when known. */
  readonly total: number | null;
  /** Where the job continues: opaque text owned by the runner, written after every page. */
  readonly cursor: string | null;
  readonly error: SyncJobError | null;
  readonly createdAt: number;
  /** When it first ran (null while QUEUED). */
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly updatedAt: number;
  /** Increases with every new job; the paging position (newest first). */
  readonly sequence: number;
}

export interface ClaimSyncJobRequest {
  /** The id the job gets if one is created. */
  readonly id: string;
  readonly vendorId: string;
  readonly accountKey: string;
  readonly mode: SyncJobMode;
  readonly now: number;
}

export type ClaimSyncJobOutcome =
  /** No job of the account was active: this one was created, QUEUED. */
  | { readonly kind: 'created'; readonly job: SyncJobRecord }
  /** The vendor's newest job had FAILED in the same mode: it is QUEUED again, with its cursor. */
  | { readonly kind: 'resumed'; readonly job: SyncJobRecord }
  /** A job of the same account is QUEUED or RUNNING: nothing changed, here it is. */
  | { readonly kind: 'active'; readonly job: SyncJobRecord };

export interface SyncJobProgress {
  readonly processed: number;
  readonly total: number | null;
  readonly cursor: string | null;
  readonly now: number;
  /** The writer's lease token (scale-out): refused when the job stores a larger one. Absent = unfenced. */
  readonly fencingToken?: number | null;
}

export interface SyncJobOutcome {
  readonly status: SyncJobStatus;
  readonly error: SyncJobError | null;
  readonly now: number;
  /** As in SyncJobProgress: an owner's final write is fenced; a cancel (no token) is not. */
  readonly fencingToken?: number | null;
}

export interface SyncJobFilter {
  /** Only these vendors (null = any). An empty list matches nothing. */
  readonly vendorIds?: readonly string[] | null;
  /** Only jobs in these statuses (null = any). */
  readonly statuses?: readonly SyncJobStatus[] | null;
}

export interface SyncJobPageRequest {
  readonly first: number;
  /** Continue below this job's sequence (newest first). */
  readonly afterSequence: number | null;
}

export interface SyncJobPage {
  readonly jobs: readonly SyncJobRecord[];
  readonly hasNextPage: boolean;
}
