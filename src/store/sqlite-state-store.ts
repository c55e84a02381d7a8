import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './sqlite-migrations.ts';
import { SqliteSyncJobs } from './sqlite-sync-jobs.ts';
import { SqlitePurchaseOrders } from './sqlite-purchase-orders.ts';
import type {
  CreateDraftsOutcome,
  CreateDraftsRequest,
  LeadTimeSample,
  PurchaseOrderDelivery,
  PurchaseOrderFilter,
  PurchaseOrderPage,
  PurchaseOrderPageRequest,
  PurchaseOrderRecord,
  ReceiptRequest,
  ReserveReceiptOutcome,
  ReserveReceiptRequest,
  TransitionOutcome,
  TransitionRequest,
} from './purchase-order-record.ts';
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
import {
  IdempotencyState,
  type AuditEntry,
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

interface IdempotencyRow {
  scope: string;
  key: string;
  fingerprint: string;
  state: IdempotencyState;
  payload: string | null;
  lease_token: string | null;
  lease_expires_at: number;
  created_at: number;
  expires_at: number;
}

interface AuditRow {
  sequence: number;
  at: number;
  caller_id: string;
  request_id: string;
  vendor_id: string;
  product_id: string;
  location_id: string;
  mode: AuditEntry['mode'];
  before_quantity: number | null;
  after_quantity: number | null;
  delta: number | null;
  reason: string;
  idempotency_key: string;
}

/**
 * The embedded store: one SQLite file in WAL mode (readers never block the writer), schema by
 * migrations. Every read-modify-write runs in a `BEGIN IMMEDIATE` transaction, so two gateway
 * processes sharing the file still see one winner per idempotency key. `:memory:` is for tests.
 */
export class SqliteStateStore implements StateStore {
  private readonly db: Database.Database;
  private readonly syncJobs: SqliteSyncJobs;
  private readonly purchaseOrders: SqlitePurchaseOrders;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    this.syncJobs = new SqliteSyncJobs(this.db);
    this.purchaseOrders = new SqlitePurchaseOrders(this.db);
  }

  async beginIdempotent(request: BeginIdempotentRequest): Promise<BeginIdempotentOutcome> {
    return this.db
      .transaction((): BeginIdempotentOutcome => {
        const row = this.idempotencyRow(request.scope, request.key);
        const token = randomUUID();
        const claim = { ...request, token, leaseExpiresAt: request.now + request.leaseMs, expiresAt: request.now + request.ttlMs };
        if (!row || row.expires_at <= request.now) {
          this.db
            .prepare(
              `INSERT OR REPLACE INTO idempotency_records (scope, key, fingerprint, state, payload, lease_token, lease_expires_at, created_at, expires_at)
               VALUES (@scope, @key, @fingerprint, '${IdempotencyState.IN_PROGRESS}', NULL, @token, @leaseExpiresAt, @now, @expiresAt)`,
            )
            .run(claim);
          return { kind: 'acquired', token, resumed: null, tookOver: false };
        }
        if (row.fingerprint !== request.fingerprint) return { kind: 'fingerprint-mismatch' };
        if (row.state === IdempotencyState.COMPLETED && row.payload !== null) return { kind: 'completed', payload: row.payload };
        if (row.state === IdempotencyState.IN_PROGRESS && row.lease_expires_at > request.now) {
          return { kind: 'in-progress', leaseExpiresAt: row.lease_expires_at };
        }
        // PARTIAL, or IN_PROGRESS whose holder died: take it over and resume from its progress.
        this.db
          .prepare(
            `UPDATE idempotency_records SET state = '${IdempotencyState.IN_PROGRESS}', lease_token = @token,
               lease_expires_at = @leaseExpiresAt, expires_at = MAX(expires_at, @expiresAt)
             WHERE scope = @scope AND key = @key`,
          )
          .run(claim);
        return { kind: 'acquired', token, resumed: row.payload, tookOver: row.state === IdempotencyState.IN_PROGRESS };
      })
      .immediate();
  }

  async finishIdempotent(request: FinishIdempotentRequest): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        const row = this.idempotencyRow(request.scope, request.key);
        if (!row || row.lease_token !== request.token || row.state !== IdempotencyState.IN_PROGRESS) return false;
        this.db
          .prepare(
            `UPDATE idempotency_records SET state = @state, payload = @payload, lease_token = NULL, lease_expires_at = @now, expires_at = @expiresAt
             WHERE scope = @scope AND key = @key`,
          )
          .run({
            scope: request.scope,
            key: request.key,
            state: request.final ? IdempotencyState.COMPLETED : IdempotencyState.PARTIAL,
            payload: request.payload,
            now: request.now,
            expiresAt: request.now + request.ttlMs,
          });
        this.insertAudit(request.audit);
        return true;
      })
      .immediate();
  }

  async abandonIdempotent(scope: string, key: string, token: string): Promise<void> {
    this.db
      .transaction(() => {
        const row = this.idempotencyRow(scope, key);
        if (!row || row.lease_token !== token) return;
        if (row.payload === null) {
          this.db.prepare('DELETE FROM idempotency_records WHERE scope = ? AND key = ?').run(scope, key);
        } else {
          this.db
            .prepare(`UPDATE idempotency_records SET state = '${IdempotencyState.PARTIAL}', lease_token = NULL, lease_expires_at = 0 WHERE scope = ? AND key = ?`)
            .run(scope, key);
        }
      })
      .immediate();
  }

  async getIdempotent(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const row = this.idempotencyRow(scope, key);
    if (!row) return null;
    return {
      scope: row.scope,
      key: row.key,
      fingerprint: row.fingerprint,
      state: row.state,
      payload: row.payload,
      leaseExpiresAt: row.lease_expires_at,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  async purgeExpiredIdempotency(now: number): Promise<number> {
    return this.db.prepare('DELETE FROM idempotency_records WHERE expires_at <= ?').run(now).changes;
  }

  async appendAudit(entries: readonly AuditEntryInput[]): Promise<void> {
    this.db.transaction(() => this.insertAudit(entries)).immediate();
  }

  async queryAudit(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: page.first + 1 };
    if (filter.vendorIds) {
      if (filter.vendorIds.length === 0) return { entries: [], hasNextPage: false };
      where.push(`vendor_id IN (${filter.vendorIds.map((_, index) => `@vendor${index}`).join(', ')})`);
      filter.vendorIds.forEach((vendorId, index) => (params[`vendor${index}`] = vendorId));
    }
    const optional: Array<[string, string | number | null | undefined, string]> = [
      ['product_id = @productId', filter.productId, 'productId'],
      ['idempotency_key = @idempotencyKey', filter.idempotencyKey, 'idempotencyKey'],
      ['at >= @since', filter.since, 'since'],
      ['at < @until', filter.until, 'until'],
      ['sequence < @afterSequence', page.afterSequence, 'afterSequence'],
    ];
    for (const [clause, value, name] of optional) {
      if (value === null || value === undefined) continue;
      where.push(clause);
      params[name] = value;
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all(params) as AuditRow[];
    return { entries: rows.slice(0, page.first).map(auditEntryOf), hasNextPage: rows.length > page.first };
  }

  async claimSyncJob(request: ClaimSyncJobRequest): Promise<ClaimSyncJobOutcome> {
    return this.syncJobs.claim(request);
  }

  async recordSyncJobProgress(id: string, progress: SyncJobProgress): Promise<SyncJobRecord | null> {
    return this.syncJobs.recordProgress(id, progress);
  }

  async fenceSyncJob(id: string, fencingToken: number, now: number): Promise<SyncJobRecord | null> {
    return this.syncJobs.fence(id, fencingToken, now);
  }

  async finishSyncJob(id: string, outcome: SyncJobOutcome): Promise<SyncJobRecord | null> {
    return this.syncJobs.finish(id, outcome);
  }

  async getSyncJob(id: string): Promise<SyncJobRecord | null> {
    return this.syncJobs.get(id);
  }

  async listSyncJobs(filter: SyncJobFilter, page: SyncJobPageRequest): Promise<SyncJobPage> {
    return this.syncJobs.list(filter, page);
  }

  async getSyncCursor(vendorId: string): Promise<SyncCursor | null> {
    const row = this.db.prepare('SELECT updated_since, synced_at FROM sync_cursors WHERE vendor_id = ?').get(vendorId) as
      | { updated_since: string | null; synced_at: number }
      | undefined;
    return row ? { updatedSince: row.updated_since, syncedAt: row.synced_at } : null;
  }

  async setSyncCursor(vendorId: string, cursor: SyncCursor): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO sync_cursors (vendor_id, updated_since, synced_at) VALUES (?, ?, ?)')
      .run(vendorId, cursor.updatedSince, cursor.syncedAt);
  }

  async createPurchaseOrderDrafts(request: CreateDraftsRequest): Promise<CreateDraftsOutcome> {
    return this.purchaseOrders.createDrafts(request);
  }

  async getPurchaseOrder(id: string): Promise<PurchaseOrderRecord | null> {
    return this.purchaseOrders.get(id);
  }

  async listPurchaseOrders(filter: PurchaseOrderFilter, page: PurchaseOrderPageRequest): Promise<PurchaseOrderPage> {
    return this.purchaseOrders.list(filter, page);
  }

  async transitionPurchaseOrder(request: TransitionRequest): Promise<TransitionOutcome> {
    return this.purchaseOrders.transition(request);
  }

  async reservePurchaseOrderReceipt(request: ReserveReceiptRequest): Promise<ReserveReceiptOutcome> {
    return this.purchaseOrders.reserveReceipt(request);
  }

  async recordPurchaseOrderReceipt(request: ReceiptRequest): Promise<PurchaseOrderRecord | null> {
    return this.purchaseOrders.recordReceipt(request);
  }

  async getPurchaseOrderReceipt(orderId: string, receiptKey: string): Promise<ReadonlyMap<string, number>> {
    return this.purchaseOrders.receipt(orderId, receiptKey);
  }

  async appendPurchaseOrderDelivery(orderId: string, delivery: Omit<PurchaseOrderDelivery, 'attempt'>): Promise<number> {
    return this.purchaseOrders.appendDelivery(orderId, delivery);
  }

  async listLeadTimeSamples(filter: { readonly supplierId?: string | null; readonly since: number }): Promise<readonly LeadTimeSample[]> {
    return this.purchaseOrders.leadTimes(filter);
  }

  async getValues(namespace: string, keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const select = this.db.prepare('SELECT value FROM key_values WHERE namespace = ? AND key = ?');
    const found = new Map<string, string>();
    for (const key of keys) {
      const row = select.get(namespace, key) as { value: string } | undefined;
      if (row) found.set(key, row.value);
    }
    return found;
  }

  async putValues(namespace: string, entries: ReadonlyArray<readonly [string, string]>, now: number): Promise<void> {
    const upsert = this.db.prepare('INSERT OR REPLACE INTO key_values (namespace, key, value, updated_at) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => entries.forEach(([key, value]) => upsert.run(namespace, key, value, now))).immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private idempotencyRow(scope: string, key: string): IdempotencyRow | undefined {
    return this.db.prepare('SELECT * FROM idempotency_records WHERE scope = ? AND key = ?').get(scope, key) as IdempotencyRow | undefined;
  }

  private insertAudit(entries: readonly AuditEntryInput[]): void {
    const insert = this.db.prepare(
      `INSERT INTO audit_log (at, caller_id, request_id, vendor_id, product_id, location_id, mode, before_quantity, after_quantity, delta, reason, idempotency_key)
       VALUES (@at, @callerId, @requestId, @vendorId, @productId, @locationId, @mode, @before, @after, @delta, @reason, @idempotencyKey)`,
    );
    for (const entry of entries) insert.run(entry);
  }
}

function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    sequence: row.sequence,
    at: row.at,
    callerId: row.caller_id,
    requestId: row.request_id,
    vendorId: row.vendor_id,
    productId: row.product_id,
    locationId: row.location_id,
    mode: row.mode,
    before: row.before_quantity,
    after: row.after_quantity,
    delta: row.delta,
    reason: row.reason,
    idempotencyKey: row.idempotency_key,
  };
}
