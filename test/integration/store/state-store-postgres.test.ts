import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresOpenError, PostgresStateStore } from '../../../src/store/postgres-state-store.ts';
import { postgresConfigSchema } from '../../../src/config/shared-state-config.ts';
import { checkSharedServices, POSTGRES_URL, uniqueName } from '../../support/shared-services.ts';
import { describeStateStoreContract } from './state-store-contract.ts';

// Needs PostgreSQL (127.0.0.1:5432, trust auth); skips outside CI without it, fails in CI.
const services = await checkSharedServices(['postgres']);
const schemas: string[] = [];

afterAll(async () => {
  if (!services.available || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

function configFor(schema: string, url = POSTGRES_URL) {
  return postgresConfigSchema.parse({ url, schema });
}

let current = '';
async function freshStore(): Promise<PostgresStateStore> {
  current = uniqueName('sg_contract');
  schemas.push(current);
  return PostgresStateStore.open(configFor(current));
}

describe.skipIf(!services.available)('PostgreSQL state store', () => {
  describeStateStoreContract('PostgreSQL', {
    open: freshStore,
    reopen: () => PostgresStateStore.open(configFor(current)),
  });

  it('runs the migrations once when several instances start at the same moment', async () => {
    const schema = uniqueName('sg_migrate');
    schemas.push(schema);
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStateStore.open(configFor(schema))));
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    await client.end();
    expect(rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5]);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('lets exactly one of two instances (two pools) win a key', async () => {
    const schema = uniqueName('sg_two');
    schemas.push(schema);
    const [a, b] = await Promise.all([PostgresStateStore.open(configFor(schema)), PostgresStateStore.open(configFor(schema))]);
    const request = { scope: 's', key: 'k', fingerprint: 'f', now: 1, leaseMs: 1000, ttlMs: 10_000 };
    const outcomes = await Promise.all([a!, b!, a!, b!].map((store) => store.beginIdempotent(request)));
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['acquired', 'in-progress', 'in-progress', 'in-progress']);
    await a!.close();
    await b!.close();
  });

  it('stops start-up with a message naming store.postgres.url, without the password', async () => {
    const url = 'postgres://postgres:hunter2-secret@127.0.0.1:1/none';
    const attempt = PostgresStateStore.open({ ...configFor('sg_never'), url, statementTimeoutMs: 500 });
    await expect(attempt).rejects.toThrow(PostgresOpenError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toMatch(/^store\.postgres\.url: cannot open the state store at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(message).not.toContain('hunter2');
  });
});
