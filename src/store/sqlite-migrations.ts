import type { Database } from 'better-sqlite3';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Append only: a released migration never changes; a new one gets the next version. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'idempotency, audit log, sync cursors, key/value',
    sql: `
      CREATE TABLE idempotency_records (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        payload TEXT,
        lease_token TEXT,
        lease_expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);

      CREATE TABLE audit_log (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        caller_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        vendor_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        location_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        before_quantity INTEGER,
        after_quantity INTEGER,
        delta INTEGER,
        reason TEXT NOT NULL,
        idempotency_key TEXT NOT NULL
      );
      CREATE INDEX audit_log_vendor ON audit_log (vendor_id, sequence);
      CREATE INDEX audit_log_product ON audit_log (product_id, sequence);
      CREATE INDEX audit_log_key ON audit_log (idempotency_key);
      CREATE INDEX audit_log_at ON audit_log (at);

      CREATE TABLE sync_cursors (
        vendor_id TEXT PRIMARY KEY,
        updated_since TEXT,
        synced_at INTEGER NOT NULL
      );

      CREATE TABLE key_values (
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'sync jobs',
    sql: `
      CREATE TABLE sync_jobs (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        vendor_id TEXT NOT NULL,
        account_key TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL,
        processed INTEGER NOT NULL DEFAULT 0,
        total INTEGER,
        cursor TEXT,
        error_code TEXT,
        error_message TEXT,
        error_retryable INTEGER,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX sync_jobs_vendor ON sync_jobs (vendor_id, sequence);
      -- At most one QUEUED or RUNNING job per vendor account, enforced by the engine itself.
      CREATE UNIQUE INDEX sync_jobs_one_active_per_account ON sync_jobs (account_key) WHERE status IN ('QUEUED', 'RUNNING');
    `,
  },
  {
    version: 3,
    name: 'sync job fencing token',
    // The lease token of the instance that owns a job (scale-out); NULL when one process runs it.
    sql: `ALTER TABLE sync_jobs ADD COLUMN fencing_token INTEGER;`,
  },
  {
    version: 4,
    name: 'purchase orders',
    // Lines and vendor ids are JSON (an order is read and written whole, inside one transaction).
    sql: `
      CREATE TABLE purchase_orders (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        supplier_id TEXT NOT NULL,
        status TEXT NOT NULL,
        lines TEXT NOT NULL,
        vendor_ids TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        submitted_at INTEGER,
        expected_at INTEGER,
        received_at INTEGER,
        cancelled_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX purchase_orders_status ON purchase_orders (status, sequence);
      CREATE INDEX purchase_orders_supplier ON purchase_orders (supplier_id, sequence);

      CREATE TABLE purchase_order_batches (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        order_ids TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      );

      CREATE TABLE purchase_order_receipts (
        order_id TEXT NOT NULL,
        receipt_key TEXT NOT NULL,
        location_id TEXT NOT NULL,
        lines TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (order_id, receipt_key)
      );

      CREATE TABLE purchase_order_deliveries (
        order_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL,
        at INTEGER NOT NULL,
        http_status INTEGER,
        error TEXT,
        PRIMARY KEY (order_id, attempt)
      );

      CREATE TABLE purchase_lead_times (
        order_id TEXT NOT NULL,
        sku TEXT NOT NULL,
        supplier_id TEXT NOT NULL,
        submitted_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (order_id, sku)
      );
      CREATE INDEX purchase_lead_times_supplier ON purchase_lead_times (supplier_id, received_at);
    `,
  },
  {
    version: 5,
    name: 'purchase receipt reservations',
    // A receipt reserves its units (JSON, cumulative per SKU) before stock moves; completing it clears them.
    sql: `
      ALTER TABLE purchase_order_receipts ADD COLUMN pending TEXT;
    `,
  },
];

/** Brings the database to the newest schema; each migration runs in its own transaction. */
export function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version),
  );
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    }).immediate();
  }
}
