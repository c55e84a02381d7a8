import type pg from 'pg';
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
  sequence: string;
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
  error_retryable: boolean | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

const ACTIVE_IN = `(${ACTIVE_SYNC_JOB_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** A write with a token ($n) holds unless a later owner's larger token is stored, and stores its own; a write without one (a cancel) is not fenced. */
const fenceHolds = (n: number) => `($${n}::bigint IS NULL OR COALESCE(fencing_token, 0) <= $${n}::bigint)`;
const fenceSet = (n: number) => `fencing_token = COALESCE($${n}::bigint, fencing_token)`;

/**
 * The sync-job part of the PostgreSQL store (postgres-state-store.ts runs each function in one
 * transaction). A claim takes a transaction-scoped advisory lock on the account first, so two
 * instances starting the same account's sync serialise here and the second sees the first's job;
 * the partial unique index (migration 2) holds the rule even without the lock.
 */
export async function claimSyncJob(client: pg.PoolClient, request: ClaimSyncJobRequest): Promise<ClaimSyncJobOutcome> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stockgraph-sync-account:${request.accountKey}`]);
  const active = await one(client, `SELECT * FROM sync_jobs WHERE account_key = $1 AND status IN ${ACTIVE_IN}`, [request.accountKey]);
  if (active) return { kind: 'active', job: jobOf(active) };
  const newest = await one(client, 'SELECT * FROM sync_jobs WHERE vendor_id = $1 ORDER BY sequence DESC LIMIT 1', [request.vendorId]);
  if (newest && newest.status === SyncJobStatus.FAILED && newest.mode === request.mode) {
    const resumed = await one(
      client,
      `UPDATE sync_jobs SET status = '${SyncJobStatus.QUEUED}', error_code = NULL, error_message = NULL, error_retryable = NULL,
         finished_at = NULL, updated_at = $2 WHERE id = $1 RETURNING *`,
      [newest.id, request.now],
    );
    return { kind: 'resumed', job: jobOf(resumed!) };
  }
  const created = await one(
    client,
    `INSERT INTO sync_jobs (id, vendor_id, account_key, mode, status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, '${SyncJobStatus.QUEUED}', $5, $5) RETURNING *`,
    [request.id, request.vendorId, request.accountKey, request.mode, request.now],
  );
  return { kind: 'created', job: jobOf(created!) };
}

export async function recordSyncJobProgress(client: pg.PoolClient, id: string, progress: SyncJobProgress): Promise<SyncJobRecord | null> {
  const row = await one(
    client,
    `UPDATE sync_jobs SET status = '${SyncJobStatus.RUNNING}', processed = $2, total = $3, cursor = $4,
       started_at = COALESCE(started_at, $5), updated_at = $5, ${fenceSet(6)}
     WHERE id = $1 AND status IN ${ACTIVE_IN} AND ${fenceHolds(6)} RETURNING *`,
    [id, progress.processed, progress.total, progress.cursor, progress.now, progress.fencingToken ?? null],
  );
  return row ? jobOf(row) : null;
}

export async function fenceSyncJob(client: pg.PoolClient, id: string, token: number, now: number): Promise<SyncJobRecord | null> {
  const row = await one(
    client,
    `UPDATE sync_jobs SET ${fenceSet(2)}, updated_at = $3 WHERE id = $1 AND status IN ${ACTIVE_IN} AND ${fenceHolds(2)} RETURNING *`,
    [id, token, now],
  );
  return row ? jobOf(row) : null;
}

export async function finishSyncJob(client: pg.PoolClient, id: string, outcome: SyncJobOutcome): Promise<SyncJobRecord | null> {
  const row = await one(
    client,
    `UPDATE sync_jobs SET status = $2, error_code = $3, error_message = $4, error_retryable = $5, finished_at = $6, updated_at = $6, ${fenceSet(7)}
     WHERE id = $1 AND status IN ${ACTIVE_IN} AND ${fenceHolds(7)} RETURNING *`,
    [
      id,
      outcome.status,
      outcome.error?.code ?? null,
      outcome.error?.message ?? null,
      outcome.error ? outcome.error.retryable : null,
      outcome.now,
      outcome.fencingToken ?? null,
    ],
  );
  return row ? jobOf(row) : null;
}

export async function getSyncJob(client: pg.PoolClient, id: string): Promise<SyncJobRecord | null> {
  const row = await one(client, 'SELECT * FROM sync_jobs WHERE id = $1', [id]);
  return row ? jobOf(row) : null;
}

export async function listSyncJobs(client: pg.PoolClient, filter: SyncJobFilter, page: SyncJobPageRequest): Promise<SyncJobPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [column, values] of [['vendor_id', filter.vendorIds], ['status', filter.statuses]] as const) {
    if (!values) continue;
    if (values.length === 0) return { jobs: [], hasNextPage: false };
    params.push([...values]);
    where.push(`${column} = ANY($${params.length})`);
  }
  if (page.afterSequence !== null) {
    params.push(page.afterSequence);
    where.push(`sequence < $${params.length}`);
  }
  params.push(page.first + 1);
  const sql = `SELECT * FROM sync_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT $${params.length}`;
  const rows = (await client.query<SyncJobRow>(sql, params)).rows;
  return { jobs: rows.slice(0, page.first).map(jobOf), hasNextPage: rows.length > page.first };
}

async function one(client: pg.PoolClient, sql: string, params: unknown[]): Promise<SyncJobRow | undefined> {
  return (await client.query<SyncJobRow>(sql, params)).rows[0];
}

const millis = (value: string | null): number | null => (value === null ? null : Number(value));

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
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '', retryable: row.error_retryable === true },
    createdAt: Number(row.created_at),
    startedAt: millis(row.started_at),
    finishedAt: millis(row.finished_at),
    updatedAt: Number(row.updated_at),
    sequence: Number(row.sequence),
  };
}
