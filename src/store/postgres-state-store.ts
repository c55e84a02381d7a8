import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { redactCredentials, redactUrl } from '../config/redact-url.ts';
import type { PostgresConfig } from '../config/shared-state-config.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { auditEntryOfRow, auditQuery, type AuditRow } from './postgres-audit-query.ts';
import {
  IdempotencyState,
  type AuditEntryInput,
  type AuditFilter,
  type AuditPage,
  type AuditPageRequest,
  type BeginIdempotentOutcome,
  type BeginIdempotentRequest,
  type FinishIdempotentRequest,
  type IdempotencyRecord,
  type StateStore,
  type SyncCursor,
} from './state-store.ts';
import { storeUnavailable } from './store-unavailable.ts';
import * as syncJobs from './postgres-sync-jobs.ts';
import * as purchaseOrders from './postgres-purchase-orders.ts';
import type { PurchaseOrderStore } from './purchase-order-record.ts';
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

interface IdempotencyRow {
  scope: string;
  key: string;
  fingerprint: string;
  state: IdempotencyState;
  payload: string | null;
  lease_token: string | null;
  lease_expires_at: string;
  created_at: string;
  expires_at: string;
}

/** Whether the last round trip reached PostgreSQL, for /ready. */
export interface PostgresHealth {
  readonly up: boolean;
  readonly lastError: string | null;
  readonly since: number;
}

/** Start-up could not reach or migrate the database; the message never holds the password. */
export class PostgresOpenError extends Error {
  constructor(url: string, cause: unknown) {
    const reason = redactCredentials(cause instanceof Error ? cause.message : String(cause));
    super(`store.postgres.url: cannot open the state store at ${redactUrl(url)}: ${reason}`);
    this.name = 'PostgresOpenError';
  }
}

/**
 * The StateStore on PostgreSQL, for several gateway instances sharing one database. Every
 * read-modify-write runs in one transaction that locks the record row (`INSERT … ON CONFLICT DO
 * NOTHING`, then `SELECT … FOR UPDATE`), so of concurrent begins of one key in any instance exactly
 * one acquires. A failed round trip (the database down, a timeout) is STORE_UNAVAILABLE
 * (retryable): the mutation service asks the store before any vendor call, so a write fails closed.
 * The pool reconnects on its own; nothing needs a restart.
 */
export class PostgresStateStore implements StateStore {
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private healthState: PostgresHealth = { up: true, lastError: null, since: Date.now() };

  private constructor(pool: pg.Pool, schema: string) {
    this.pool = pool;
    this.schema = schema;
  }

  /** Connects, creates the schema and runs pending migrations under an advisory lock. */
  static async open(config: PostgresConfig): Promise<PostgresStateStore> {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize,
      connectionTimeoutMillis: config.statementTimeoutMs,
      statement_timeout: config.statementTimeoutMs,
      query_timeout: config.statementTimeoutMs,
      options: `-c search_path=${config.schema}`,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client, config.schema);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new PostgresOpenError(config.url, error);
    }
    return new PostgresStateStore(pool, config.schema);
  }

  health(): PostgresHealth {
    return this.healthState;
  }

  /** One round trip, for /ready; updates health(). */
  async ping(): Promise<PostgresHealth> {
    await this.run(async (client) => client.query('SELECT 1')).catch(() => undefined);
    return this.healthState;
  }

  async beginIdempotent(request: BeginIdempotentRequest): Promise<BeginIdempotentOutcome> {
    return this.transaction(async (client): Promise<BeginIdempotentOutcome> => {
      const token = randomUUID();
      const leaseExpiresAt = request.now + request.leaseMs;
      const expiresAt = request.now + request.ttlMs;
      const inserted = await client.query(
        `INSERT INTO idempotency_records (scope, key, fingerprint, state, payload, lease_token, lease_expires_at, created_at, expires_at)
         VALUES ($1, $2, $3, '${IdempotencyState.IN_PROGRESS}', NULL, $4, $5, $6, $7) ON CONFLICT (scope, key) DO NOTHING`,
        [request.scope, request.key, request.fingerprint, token, leaseExpiresAt, request.now, expiresAt],
      );
      if (inserted.rowCount === 1) return { kind: 'acquired', token, resumed: null, tookOver: false };
      const row = await this.lockedRow(client, request.scope, request.key);
      if (!row || Number(row.expires_at) <= request.now) {
        // Past its TTL: it counts as absent, so this run starts afresh in its place.
        await client.query(
          `UPDATE idempotency_records SET fingerprint = $3, state = '${IdempotencyState.IN_PROGRESS}', payload = NULL, lease_token = $4,
             lease_expires_at = $5, created_at = $6, expires_at = $7 WHERE scope = $1 AND key = $2`,
          [request.scope, request.key, request.fingerprint, token, leaseExpiresAt, request.now, expiresAt],
        );
        return { kind: 'acquired', token, resumed: null, tookOver: false };
      }
      if (row.fingerprint !== request.fingerprint) return { kind: 'fingerprint-mismatch' };
      if (row.state === IdempotencyState.COMPLETED && row.payload !== null) return { kind: 'completed', payload: row.payload };
      if (row.state === IdempotencyState.IN_PROGRESS && Number(row.lease_expires_at) > request.now) {
        return { kind: 'in-progress', leaseExpiresAt: Number(row.lease_expires_at) };
      }
      // PARTIAL, or IN_PROGRESS whose holder died: take it over and resume from its progress.
      await client.query(
        `UPDATE idempotency_records SET state = '${IdempotencyState.IN_PROGRESS}', lease_token = $3, lease_expires_at = $4,
           expires_at = GREATEST(expires_at, $5) WHERE scope = $1 AND key = $2`,
        [request.scope, request.key, token, leaseExpiresAt, expiresAt],
      );
      return { kind: 'acquired', token, resumed: row.payload, tookOver: row.state === IdempotencyState.IN_PROGRESS };
    });
  }

  async finishIdempotent(request: FinishIdempotentRequest): Promise<boolean> {
    return this.transaction(async (client) => {
      const row = await this.lockedRow(client, request.scope, request.key);
      if (!row || row.lease_token !== request.token || row.state !== IdempotencyState.IN_PROGRESS) return false;
      await client.query(
        `UPDATE idempotency_records SET state = $3, payload = $4, lease_token = NULL, lease_expires_at = $5, expires_at = $6
         WHERE scope = $1 AND key = $2`,
        [
          request.scope,
          request.key,
          request.final ? IdempotencyState.COMPLETED : IdempotencyState.PARTIAL,
          request.payload,
          request.now,
          request.now + request.ttlMs,
        ],
      );
      await insertAudit(client, request.audit);
      return true;
    });
  }

  async abandonIdempotent(scope: string, key: string, token: string): Promise<void> {
    await this.transaction(async (client) => {
      const row = await this.lockedRow(client, scope, key);
      if (!row || row.lease_token !== token) return;
      if (row.payload === null) {
        await client.query('DELETE FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]);
      } else {
        await client.query(
          `UPDATE idempotency_records SET state = '${IdempotencyState.PARTIAL}', lease_token = NULL, lease_expires_at = 0 WHERE scope = $1 AND key = $2`,
          [scope, key],
        );
      }
    });
  }

  async getIdempotent(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const { rows } = await this.run((client) =>
      client.query<IdempotencyRow>('SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2', [scope, key]),
    );
    const row = rows[0];
    if (!row) return null;
    return {
      scope: row.scope,
      key: row.key,
      fingerprint: row.fingerprint,
      state: row.state,
      payload: row.payload,
      leaseExpiresAt: Number(row.lease_expires_at),
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
    };
  }

  async purgeExpiredIdempotency(now: number): Promise<number> {
    const result = await this.run((client) => client.query('DELETE FROM idempotency_records WHERE expires_at <= $1', [now]));
    return result.rowCount ?? 0;
  }

  async appendAudit(entries: readonly AuditEntryInput[]): Promise<void> {
    await this.transaction((client) => insertAudit(client, entries));
  }

  async queryAudit(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
    const query = auditQuery(filter, page);
    if (!query) return { entries: [], hasNextPage: false };
    const { rows } = await this.run((client) => client.query<AuditRow>(query.text, query.values));
    return { entries: rows.slice(0, page.first).map(auditEntryOfRow), hasNextPage: rows.length > page.first };
  }

  async getSyncCursor(vendorId: string): Promise<SyncCursor | null> {
    const { rows } = await this.run((client) =>
      client.query<{ updated_since: string | null; synced_at: string }>('SELECT updated_since, synced_at FROM sync_cursors WHERE vendor_id = $1', [vendorId]),
    );
    const row = rows[0];
    return row ? { updatedSince: row.updated_since, syncedAt: Number(row.synced_at) } : null;
  }

  async setSyncCursor(vendorId: string, cursor: SyncCursor): Promise<void> {
    await this.run((client) =>
      client.query(
        `INSERT INTO sync_cursors (vendor_id, updated_since, synced_at) VALUES ($1, $2, $3)
         ON CONFLICT (vendor_id) DO UPDATE SET updated_since = EXCLUDED.updated_since, synced_at = EXCLUDED.synced_at`,
        [vendorId, cursor.updatedSince, cursor.syncedAt],
      ),
    );
  }

  // Purchase orders (postgres-purchase-orders.ts); the signatures are PurchaseOrderStore's.
  createPurchaseOrderDrafts: PurchaseOrderStore['createPurchaseOrderDrafts'] = (request) => this.transaction((client) => purchaseOrders.createDrafts(client, request));
  getPurchaseOrder: PurchaseOrderStore['getPurchaseOrder'] = (id) => this.run((client) => purchaseOrders.getOrder(client, id));
  listPurchaseOrders: PurchaseOrderStore['listPurchaseOrders'] = (filter, page) => this.run((client) => purchaseOrders.listOrders(client, filter, page));
  transitionPurchaseOrder: PurchaseOrderStore['transitionPurchaseOrder'] = (request) => this.transaction((client) => purchaseOrders.transition(client, request));
  reservePurchaseOrderReceipt: PurchaseOrderStore['reservePurchaseOrderReceipt'] = (request) => this.transaction((client) => purchaseOrders.reserveReceipt(client, request));
  recordPurchaseOrderReceipt: PurchaseOrderStore['recordPurchaseOrderReceipt'] = (request) => this.transaction((client) => purchaseOrders.recordReceipt(client, request));
  getPurchaseOrderReceipt: PurchaseOrderStore['getPurchaseOrderReceipt'] = (orderId, key) => this.run((client) => purchaseOrders.receipt(client, orderId, key));
  appendPurchaseOrderDelivery: PurchaseOrderStore['appendPurchaseOrderDelivery'] = (orderId, delivery) => this.transaction((client) => purchaseOrders.appendDelivery(client, orderId, delivery));
  listLeadTimeSamples: PurchaseOrderStore['listLeadTimeSamples'] = (filter) => this.run((client) => purchaseOrders.leadTimes(client, filter));

  async getValues(namespace: string, keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.run((client) =>
      client.query<{ key: string; value: string }>('SELECT key, value FROM key_values WHERE namespace = $1 AND key = ANY($2::text[])', [namespace, [...keys]]),
    );
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  async putValues(namespace: string, entries: ReadonlyArray<readonly [string, string]>, now: number): Promise<void> {
    if (entries.length === 0) return;
    await this.run((client) =>
      client.query(
        `INSERT INTO key_values (namespace, key, value, updated_at)
         SELECT $1, entry.key, entry.value, $4 FROM unnest($2::text[], $3::text[]) AS entry(key, value)
         ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
        [namespace, entries.map(([key]) => key), entries.map(([, value]) => value), now],
      ),
    );
  }

  claimSyncJob(request: ClaimSyncJobRequest): Promise<ClaimSyncJobOutcome> {
    return this.transaction((client) => syncJobs.claimSyncJob(client, request));
  }

  recordSyncJobProgress(id: string, progress: SyncJobProgress): Promise<SyncJobRecord | null> {
    return this.run((client) => syncJobs.recordSyncJobProgress(client, id, progress));
  }

  fenceSyncJob(id: string, fencingToken: number, now: number): Promise<SyncJobRecord | null> {
    return this.run((client) => syncJobs.fenceSyncJob(client, id, fencingToken, now));
  }

  finishSyncJob(id: string, outcome: SyncJobOutcome): Promise<SyncJobRecord | null> {
    return this.run((client) => syncJobs.finishSyncJob(client, id, outcome));
  }

  getSyncJob(id: string): Promise<SyncJobRecord | null> {
    return this.run((client) => syncJobs.getSyncJob(client, id));
  }

  listSyncJobs(filter: SyncJobFilter, page: SyncJobPageRequest): Promise<SyncJobPage> {
    return this.run((client) => syncJobs.listSyncJobs(client, filter, page));
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  /** The schema this store lives in (tests drop it afterwards). */
  get schemaName(): string {
    return this.schema;
  }

  private lockedRow(client: pg.PoolClient, scope: string, key: string): Promise<IdempotencyRow | undefined> {
    return client
      .query<IdempotencyRow>('SELECT * FROM idempotency_records WHERE scope = $1 AND key = $2 FOR UPDATE', [scope, key])
      .then((result) => result.rows[0]);
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.run(async (client) => {
      await client.query('BEGIN');
      try {
        const value = await work(client);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** One checked-out client for `work`; an unreachable database becomes STORE_UNAVAILABLE. */
  private async run<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.unavailable(error);
    }
    let broken = false;
    try {
      const value = await work(client);
      if (!this.healthState.up) this.healthState = { up: true, lastError: null, since: Date.now() };
      return value;
    } catch (error) {
      broken = isConnectionFailure(error);
      throw broken ? this.unavailable(error) : error;
    } finally {
      client.release(broken);
    }
  }

  private unavailable(error: unknown) {
    const message = redactCredentials(error instanceof Error ? error.message : String(error));
    if (this.healthState.up || this.healthState.lastError !== message) this.healthState = { up: false, lastError: message, since: this.healthState.up ? Date.now() : this.healthState.since };
    return storeUnavailable('PostgreSQL', error);
  }
}

/** A broken connection or a timeout (no SQLSTATE, or class 08 / 57P): the engine, not the statement, failed. */
function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P') || code === '57014';
}

async function insertAudit(client: pg.PoolClient, entries: readonly AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  const columns = ['at', 'caller_id', 'request_id', 'vendor_id', 'product_id', 'location_id', 'mode', 'before_quantity', 'after_quantity', 'delta', 'reason', 'idempotency_key'];
  const values: unknown[] = [];
  const tuples = entries.map((entry) => {
    const row = [entry.at, entry.callerId, entry.requestId, entry.vendorId, entry.productId, entry.locationId, entry.mode, entry.before, entry.after, entry.delta, entry.reason, entry.idempotencyKey];
    const placeholders = row.map((value) => {
      values.push(value);
      return `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  // One statement: the entries get consecutive sequences in input order.
  await client.query(`INSERT INTO audit_log (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
}
