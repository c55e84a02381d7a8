import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/start-test-gateway.ts';
import { StateStoreOpenError, openStateStore } from '../../../src/store/open-state-store.ts';
import { SqliteStateStore } from '../../../src/store/sqlite-state-store.ts';
import { describeStateStoreContract } from './state-store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'stockgraph-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
let currentFile = '';

describeStateStoreContract('SQLite file', {
  async open() {
    fileCounter += 1;
    currentFile = join(dir, `nested-${fileCounter}`, 'state.db'); // the directory does not exist yet
    return new SqliteStateStore(currentFile);
  },
  async reopen() {
    return new SqliteStateStore(currentFile);
  },
});

describeStateStoreContract('SQLite :memory:', { open: async () => new SqliteStateStore(':memory:') });

describe('SQLite store specifics', () => {
  it('lets one of two processes (two connections on one file) win a key', async () => {
    const path = join(dir, 'shared.db');
    const a = new SqliteStateStore(path);
    const b = new SqliteStateStore(path);
    const request = { scope: 's', key: 'k', fingerprint: 'f', now: 1, leaseMs: 1000, ttlMs: 10_000 };
    const outcomes = await Promise.all([a.beginIdempotent(request), b.beginIdempotent(request), a.beginIdempotent(request)]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['acquired', 'in-progress', 'in-progress']);
    await a.close();
    await b.close();
  });

  it('migrates an existing file only once', async () => {
    const path = join(dir, 'migrated.db');
    await new SqliteStateStore(path).close();
    const again = new SqliteStateStore(path);
    await again.appendAudit([]);
    await again.close();
  });

  it('stops with a message naming store.sqlitePath when the file cannot be opened', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const config = testConfig({ store: { sqlitePath: join(blocker, 'state.db') } });
    expect(() => openStateStore(config)).toThrow(StateStoreOpenError);
    expect(() => openStateStore(config)).toThrow(`store.sqlitePath: cannot open the state store at "${join(blocker, 'state.db')}"`);
  });
});
