import type Database from 'better-sqlite3';
import {
  ACTIVE_SYNC_JOB_STATUSES,
  SyncJobStatus,
  type ClaimSyncJobOutcome,
  type ClaimSyncJobRequest,
  type SyncJobFilter,
  type SyncJobOutcome,
  type SyncJobMode,
  type SyncJobPage,
  type SyncJobPageRequest,
  type SyncJobProgress,
  type SyncJobRecord,
} from './sync-job-record.ts';

interface SyncJobRow {
  sequence: number;
  id: string;
  vendor_id: string;
  account_key: string;
  mode: SyncJobMode;
  status: SyncJobStatus;
  processed: number;
  total: number | null;
  cursor: string | null;
  error_code: string | null;
  error_message: string | null;
  error_retryable: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

const ACTIVE_IN = `(${ACTIVE_SYNC_JOB_STATUSES.map((status) => `'${status}'`).join(', ')})`;
/** A write with a token holds unless a later owner's larger token is stored, and stores its own; a write without one (one process, a cancel) is not fenced. */
const FENCE_HOLDS = '(@token IS NULL OR COALESCE(fencing_token, 0) <= @token)';
const FENCE_SET = 'fencing_token = COALESCE(@token, fencing_token)';

/**
 * The sync-job part of the SQLite store (sqlite-state-store.ts delegates here). Each
 * read-modify-write is one `BEGIN IMMEDIATE` transaction, and a partial unique index keeps at most
 * one active job per account even if two processes race past the check.
 */
export class SqliteSyncJobs {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  claim(request: ClaimSyncJobRequest): ClaimSyncJobOutcome {
    return this.db
      .transaction((): ClaimSyncJobOutcome => {
        const active = this.db.prepare(`SELECT * FROM sync_jobs WHERE account_key = ? AND status IN ${ACTIVE_IN}`).get(request.accountKey) as SyncJobRow | undefined;
        if (active) return { kind: 'active', job: jobOf(active) };
        const newest = this.db.prepare('SELECT * FROM sync_jobs WHERE vendor_id = ? ORDER BY sequence DESC LIMIT 1').get(request.vendorId) as SyncJobRow | undefined;
        if (newest && newest.status === SyncJobStatus.FAILED && newest.mode === request.mode) {
          this.db
            .prepare(
              `UPDATE sync_jobs SET status = '${SyncJobStatus.QUEUED}', error_code = NULL, error_message = NULL, error_retryable = NULL,
                 finished_at = NULL, updated_at = ? WHERE id = ?`,
            )
            .run(request.now, newest.id);
          return { kind: 'resumed', job: this.row(newest.id) };
        }
        this.db
          .prepare(
            `INSERT INTO sync_jobs (id, vendor_id, account_key, mode, status, created_at, updated_at)
             VALUES (@id, @vendorId, @accountKey, @mode, '${SyncJobStatus.QUEUED}', @now, @now)`,
          )
          .run(request);
        return { kind: 'created', job: this.row(request.id) };
      })
      .immediate();
  }

  recordProgress(id: string, progress: SyncJobProgress): SyncJobRecord | null {
    const changed = this.db
      .prepare(
        `UPDATE sync_jobs SET status = '${SyncJobStatus.RUNNING}', processed = @processed, total = @total, cursor = @cursor,
           started_at = COALESCE(started_at, @now), updated_at = @now, ${FENCE_SET}
         WHERE id = @id AND status IN ${ACTIVE_IN} AND ${FENCE_HOLDS}`,
      )
      .run({ id, processed: progress.processed, total: progress.total, cursor: progress.cursor, now: progress.now, token: progress.fencingToken ?? null }).changes;
    return changed === 0 ? null : this.row(id);
  }

  fence(id: string, token: number, now: number): SyncJobRecord | null {
    const changed = this.db
      .prepare(`UPDATE sync_jobs SET ${FENCE_SET}, updated_at = @now WHERE id = @id AND status IN ${ACTIVE_IN} AND ${FENCE_HOLDS}`)
      .run({ id, token, now }).changes;
    return changed === 0 ? null : this.row(id);
  }

  finish(id: string, outcome: SyncJobOutcome): SyncJobRecord | null {
    const changed = this.db
      .prepare(
        `UPDATE sync_jobs SET status = @status, error_code = @code, error_message = @message, error_retryable = @retryable,
           finished_at = @now, updated_at = @now, ${FENCE_SET}
         WHERE id = @id AND status IN ${ACTIVE_IN} AND ${FENCE_HOLDS}`,
      )
      .run({
        id,
        status: outcome.status,
        now: outcome.now,
        token: outcome.fencingToken ?? null,
        code: outcome.error?.code ?? null,
        message: outcome.error?.message ?? null,
        retryable: outcome.error ? Number(outcome.error.retryable) : null,
      }).changes;
    return changed === 0 ? null : this.row(id);
  }

  get(id: string): SyncJobRecord | null {
    const row = this.db.prepare('SELECT * FROM sync_jobs WHERE id = ?').get(id) as SyncJobRow | undefined;
    return row ? jobOf(row) : null;
  }

  list(filter: SyncJobFilter, page: SyncJobPageRequest): SyncJobPage {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: page.first + 1 };
    for (const [column, values] of [['vendor_id', filter.vendorIds], ['status', filter.statuses]] as const) {
      if (!values) continue;
      if (values.length === 0) return { jobs: [], hasNextPage: false };
      where.push(`${column} IN (${values.map((_, index) => `@${column}${index}`).join(', ')})`);
      values.forEach((value, index) => (params[`${column}${index}`] = value));
    }
    if (page.afterSequence !== null) {
      where.push('sequence < @afterSequence');
      params.afterSequence = page.afterSequence;
    }
    const sql = `SELECT * FROM sync_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all(params) as SyncJobRow[];
    return { jobs: rows.slice(0, page.first).map(jobOf), hasNextPage: rows.length > page.first };
  }

  private row(id: string): SyncJobRecord {
    return jobOf(this.db.prepare('SELECT * FROM sync_jobs WHERE id = ?').get(id) as SyncJobRow);
  }
}

function jobOf(row: SyncJobRow): SyncJobRecord {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    accountKey: row.account_key,
    mode: row.mode,
    status: row.status,
    processed: row.processed,
    total: row.total,
    cursor: row.cursor,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '', retryable: row.error_retryable === 1 },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    sequence: row.sequence,
  };
}
