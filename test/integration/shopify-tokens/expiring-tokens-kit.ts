import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { startShopifySimulator, type ShopifySimulator } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import { SecretBox } from '../../../src/secrets/secret-box.ts';
import { secretKey, type SecretKeys } from '../../../src/secrets/secret-keys.ts';
import { SealedValues } from '../../../src/secrets/sealed-values.ts';
import { SqliteStateStore } from '../../../src/store/sqlite-state-store.ts';
import type { ShopifyVendorConfig } from '../../../src/config/vendors/shopify-config.ts';
import { createShopifySource, type ShopifySource } from '../../../src/vendors/shopify/shopify-source.ts';
import { memoryLogger } from '../../support/memory-log.ts';

export const CLIENT_ID = 'sim-public-app';
export const CLIENT_SECRET = 'shpss_sim_client_secret_4f2a9c';
export const KEY_A = secretKey(randomBytes(32));
export const KEY_B = secretKey(randomBytes(32));

/**
 * A Shopify simulator with a public app (expiring offline tokens), a SQLite state store in a
 * temporary file, and gateway sources built over them as start-up builds them; `restart` builds
 * a new source (and store handle) over the same file, like a process restart.
 */
export async function startTokenKit(options: { accessTokenTtlSeconds?: number } = {}) {
  const sim: ShopifySimulator = await startShopifySimulator({ oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options } });
  const installed = sim.oauth!.install();
  const dir = mkdtempSync(join(tmpdir(), 'stockgraph-tokens-'));
  const dbPath = join(dir, 'state.db');
  const log = memoryLogger('debug');
  const config: ShopifyVendorConfig = {
    platform: 'shopify',
    id: 'acme-shopify',
    name: 'ACME Shopify',
    shopDomain: sim.shopDomain,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    refreshToken: installed.refreshToken,
    apiVersion: sim.apiVersion,
    endpoint: sim.url,
  };
  const open: Array<{ source: ShopifySource; store: SqliteStateStore }> = [];
  const start = (keys: SecretKeys = { current: KEY_A, previous: null }, overrides: Partial<ShopifyVendorConfig> = {}) => {
    const store = new SqliteStateStore(dbPath);
    const sealedValues = new SealedValues(store, new SecretBox(keys), 'vendor-secrets');
    const source = createShopifySource({ ...config, ...overrides }, { policy: deadlineOnlyPolicy, logger: log.logger, sealedValues });
    open.push({ source, store });
    return { source, store, sealedValues };
  };
  return {
    sim,
    config,
    installed,
    log,
    start,
    /** The raw rows of the state store's key/value space, as a backup of the file would hold them. */
    storedRows(): Array<{ namespace: string; key: string; value: string }> {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare('SELECT namespace, key, value FROM key_values').all() as Array<{ namespace: string; key: string; value: string }>;
      } finally {
        db.close();
      }
    },
    requests: (operation: string, status?: number) => sim.server.count((entry) => entry.operation === operation && (status === undefined || entry.status === status)),
    graphqlRequests: (status?: number) => sim.server.count((entry) => entry.operation !== 'oauthAccessToken' && (status === undefined || entry.status === status)),
    async close() {
      for (const { source, store } of open) {
        await source.close();
        await store.close();
      }
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
