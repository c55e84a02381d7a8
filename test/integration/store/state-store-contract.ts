import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryInput, StateStore } from '../../../src/store/state-store.ts';
import type { ClaimSyncJobRequest } from '../../../src/store/sync-job-record.ts';
import { describePurchaseOrderContract } from './purchase-order-store-contract.ts';

/**
 * What every StateStore engine must do. `factory.open()` gives a fresh empty store;
 * `factory.reopen()` (engines with durable storage) opens a new instance over the same data,
 * as a restarted process would.
 */
export interface StateStoreFactory {
  open(): Promise<StateStore>;
  reopen?(): Promise<StateStore>;
}

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

const begin = (store: StateStore, overrides: Partial<Parameters<StateStore['beginIdempotent']>[0]> = {}) =>
  store.beginIdempotent({ scope: 'caller-1', key: 'key-1', fingerprint: 'fp-1', now: T0, leaseMs: 30_000, ttlMs: 24 * HOUR, ...overrides });

const claim = (store: StateStore, overrides: Partial<ClaimSyncJobRequest> = {}) =>
  store.claimSyncJob({ id: 'job-1', vendorId: 'vendor-a', accountKey: 'shopify:a.myshopify.com', mode: 'FULL', now: T0, ...overrides });

function auditEntry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    at: T0,
    callerId: 'caller-1',
    requestId: 'req-1',
    vendorId: 'vendor-a',
    productId: 'product-1',
    locationId: 'location-1',
    mode: 'adjust',
    before: 10,
    after: 7,
    delta: -3,
    reason: 'picked',
    idempotencyKey: 'key-1',
    ...overrides,
  };
}

export function describeStateStoreContract(name: string, factory: StateStoreFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    const opened: StateStore[] = [];
    const open = async () => {
      const store = await factory.open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describePurchaseOrderContract(open, factory.reopen?.bind(factory));

    describe('idempotency records', () => {
      it('acquires a new key, then answers the completed payload to every later begin', async () => {
        const store = await open();
        const first = await begin(store);
        expect(first).toEqual({ kind: 'acquired', token: expect.any(String), resumed: null, tookOver: false });
        if (first.kind !== 'acquired') throw new Error('unreachable');
        expect(await begin(store)).toEqual({ kind: 'in-progress', leaseExpiresAt: T0 + 30_000 });
        const finished = await store.finishIdempotent({ scope: 'caller-1', key: 'key-1', token: first.token, payload: '{"ok":1}', final: true, audit: [], now: T0 + 5, ttlMs: 24 * HOUR });
        expect(finished).toBe(true);
        expect(await begin(store, { now: T0 + 10 })).toEqual({ kind: 'completed', payload: '{"ok":1}' });
        expect(await store.getIdempotent('caller-1', 'key-1')).toMatchObject({ state: 'COMPLETED', fingerprint: 'fp-1', payload: '{"ok":1}' });
      });

      it('reports a fingerprint mismatch for the same key with another request', async () => {
        const store = await open();
        await begin(store);
        expect(await begin(store, { fingerprint: 'fp-2' })).toEqual({ kind: 'fingerprint-mismatch' });
      });

      it('keeps scopes apart: two callers may use the same key', async () => {
        const store = await open();
        expect((await begin(store, { scope: 'caller-1' })).kind).toBe('acquired');
        expect((await begin(store, { scope: 'caller-2', fingerprint: 'other' })).kind).toBe('acquired');
      });

      it('lets exactly one of many concurrent begins of the same key win', async () => {
        const store = await open();
        const outcomes = await Promise.all(Array.from({ length: 50 }, () => begin(store)));
        expect(outcomes.filter((outcome) => outcome.kind === 'acquired')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome.kind === 'in-progress')).toHaveLength(49);
      });

      it('lets another run take over when the lease expired, and refuses the stale holder\'s finish', async () => {
        const store = await open();
        const stale = await begin(store);
        if (stale.kind !== 'acquired') throw new Error('unreachable');
        expect((await begin(store, { now: T0 + 29_999 })).kind).toBe('in-progress');
        const takeover = await begin(store, { now: T0 + 30_000 });
        expect(takeover).toEqual({ kind: 'acquired', token: expect.any(String), resumed: null, tookOver: true });
        const late = await store.finishIdempotent({ scope: 'caller-1', key: 'key-1', token: stale.token, payload: '{}', final: true, audit: [auditEntry()], now: T0 + 30_001, ttlMs: HOUR });
        expect(late).toBe(false);
        expect((await store.queryAudit({}, { first: 10, afterSequence: null })).entries).toHaveLength(0);
      });

      it('resumes a PARTIAL record with its stored progress', async () => {
        const store = await open();
        const first = await begin(store);
        if (first.kind !== 'acquired') throw new Error('unreachable');
        await store.finishIdempotent({ scope: 'caller-1', key: 'key-1', token: first.token, payload: '{"partial":true}', final: false, audit: [], now: T0 + 1, ttlMs: HOUR });
        expect(await begin(store, { now: T0 + 2 })).toEqual({ kind: 'acquired', token: expect.any(String), resumed: '{"partial":true}', tookOver: false });
      });

      it('frees an abandoned key that stored nothing', async () => {
        const store = await open();
        const first = await begin(store);
        if (first.kind !== 'acquired') throw new Error('unreachable');
        await store.abandonIdempotent('caller-1', 'key-1', first.token);
        expect(await store.getIdempotent('caller-1', 'key-1')).toBeNull();
        expect((await begin(store, { fingerprint: 'another request' })).kind).toBe('acquired');
      });

      it('purges records past their TTL and treats them as absent before the purge', async () => {
        const store = await open();
        const first = await begin(store, { ttlMs: 24 * HOUR });
        if (first.kind !== 'acquired') throw new Error('unreachable');
        await store.finishIdempotent({ scope: 'caller-1', key: 'key-1', token: first.token, payload: '{}', final: true, audit: [], now: T0, ttlMs: 24 * HOUR });
        await begin(store, { key: 'key-2', now: T0 + 20 * HOUR, ttlMs: 24 * HOUR });
        expect(await store.purgeExpiredIdempotency(T0 + 24 * HOUR - 1)).toBe(0);
        expect((await begin(store, { now: T0 + 24 * HOUR, fingerprint: 'new' })).kind).toBe('acquired');
        expect(await store.purgeExpiredIdempotency(T0 + 25 * HOUR)).toBe(0); // key-1 was re-acquired with a fresh TTL
        expect(await store.purgeExpiredIdempotency(T0 + 50 * HOUR)).toBe(2);
        expect(await store.getIdempotent('caller-1', 'key-2')).toBeNull();
      });
    });

    describe('audit log', () => {
      it('writes the audit entries of a finish in the same step as the record', async () => {
        const store = await open();
        const first = await begin(store);
        if (first.kind !== 'acquired') throw new Error('unreachable');
        await store.finishIdempotent({
          scope: 'caller-1', key: 'key-1', token: first.token, payload: '{}', final: true, now: T0, ttlMs: HOUR,
          audit: [auditEntry(), auditEntry({ productId: 'product-2' })],
        });
        const page = await store.queryAudit({ idempotencyKey: 'key-1' }, { first: 10, afterSequence: null });
        expect(page.entries.map((entry) => entry.productId)).toEqual(['product-2', 'product-1']);
        expect(page.entries[1]).toEqual({ ...auditEntry(), sequence: expect.any(Number) });
      });

      it('filters by vendor, product, key and time, and pages newest first without gaps or repeats', async () => {
        const store = await open();
        const entries = Array.from({ length: 25 }, (_, index) =>
          auditEntry({ at: T0 + index * 1000, vendorId: index % 2 ? 'vendor-b' : 'vendor-a', productId: `product-${index % 5}`, idempotencyKey: `key-${index}` }),
        );
        await store.appendAudit(entries);
        const all: number[] = [];
        let after: number | null = null;
        for (;;) {
          const page = await store.queryAudit({}, { first: 7, afterSequence: after });
          all.push(...page.entries.map((entry) => entry.at));
          if (!page.hasNextPage) break;
          after = page.entries.at(-1)!.sequence;
        }
        expect(all).toEqual(entries.map((entry) => entry.at).reverse());
        expect((await store.queryAudit({ vendorIds: ['vendor-b'] }, { first: 100, afterSequence: null })).entries).toHaveLength(12);
        expect((await store.queryAudit({ vendorIds: [] }, { first: 100, afterSequence: null })).entries).toHaveLength(0);
        expect((await store.queryAudit({ productId: 'product-3' }, { first: 100, afterSequence: null })).entries).toHaveLength(5);
        expect((await store.queryAudit({ idempotencyKey: 'key-4' }, { first: 100, afterSequence: null })).entries).toHaveLength(1);
        const window = await store.queryAudit({ since: T0 + 5000, until: T0 + 10_000 }, { first: 100, afterSequence: null });
        expect(window.entries.map((entry) => entry.at)).toEqual([9000, 8000, 7000, 6000, 5000].map((ms) => T0 + ms));
      });
    });

    describe('sync cursors and key/values', () => {
      it('stores a cursor per vendor', async () => {
        const store = await open();
        expect(await store.getSyncCursor('vendor-a')).toBeNull();
        await store.setSyncCursor('vendor-a', { updatedSince: '2026-11-25T09:00:00Z', syncedAt: T0 });
        await store.setSyncCursor('vendor-a', { updatedSince: '2026-11-25T10:00:00Z', syncedAt: T0 + HOUR });
        expect(await store.getSyncCursor('vendor-a')).toEqual({ updatedSince: '2026-11-25T10:00:00Z', syncedAt: T0 + HOUR });
        expect(await store.getSyncCursor('vendor-b')).toBeNull();
      });

      it('upserts values per namespace', async () => {
        const store = await open();
        await store.putValues('ns-a', [['k1', 'v1'], ['k2', 'v2']], T0);
        await store.putValues('ns-a', [['k1', 'v1b']], T0);
        await store.putValues('ns-b', [['k1', 'other']], T0);
        expect(Object.fromEntries(await store.getValues('ns-a', ['k1', 'k2', 'k3']))).toEqual({ k1: 'v1b', k2: 'v2' });
      });
    });

    describe('sync jobs', () => {
      it('creates a QUEUED job, then answers it to every start of the same account until it ends', async () => {
        const store = await open();
        const created = await claim(store);
        expect(created).toEqual({
          kind: 'created',
          job: {
            id: 'job-1', vendorId: 'vendor-a', accountKey: 'shopify:a.myshopify.com', mode: 'FULL', status: 'QUEUED', processed: 0, total: null,
            cursor: null, error: null, createdAt: T0, startedAt: null, finishedAt: null, updatedAt: T0, sequence: expect.any(Number),
          },
        });
        // Another vendor entry on the same shop shares the account.
        expect(await claim(store, { id: 'job-2', vendorId: 'vendor-a-eu', mode: 'INCREMENTAL' })).toMatchObject({ kind: 'active', job: { id: 'job-1' } });
        expect((await claim(store, { id: 'job-3', vendorId: 'vendor-b', accountKey: 'woocommerce:https://b.example' })).kind).toBe('created');
        await store.finishSyncJob('job-1', { status: 'SUCCEEDED', error: null, now: T0 + 5 });
        expect((await claim(store, { id: 'job-4', now: T0 + 6 })).kind).toBe('created');
      });

      it('lets exactly one of many concurrent starts of one account create a job', async () => {
        const store = await open();
        const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => claim(store, { id: `job-${index}` })));
        expect(outcomes.filter((outcome) => outcome.kind === 'created')).toHaveLength(1);
        expect(new Set(outcomes.map((outcome) => outcome.job.id)).size).toBe(1);
      });

      it('records progress and the cursor of an active job, and starts the clock on the first page', async () => {
        const store = await open();
        await claim(store);
        const running = await store.recordSyncJobProgress('job-1', { processed: 250, total: 1000, cursor: 'page-1', now: T0 + 100 });
        expect(running).toMatchObject({ status: 'RUNNING', processed: 250, total: 1000, cursor: 'page-1', startedAt: T0 + 100, updatedAt: T0 + 100 });
        const later = await store.recordSyncJobProgress('job-1', { processed: 500, total: 1000, cursor: 'page-2', now: T0 + 200 });
        expect(later).toMatchObject({ processed: 500, cursor: 'page-2', startedAt: T0 + 100, updatedAt: T0 + 200 });
        expect(await store.getSyncJob('job-1')).toEqual(later);
        expect(await store.getSyncJob('no-such-job')).toBeNull();
      });

      it('finishes an active job once; a finished job takes no progress and no second finish', async () => {
        const store = await open();
        await claim(store);
        await store.recordSyncJobProgress('job-1', { processed: 10, total: null, cursor: 'c', now: T0 + 1 });
        const cancelled = await store.finishSyncJob('job-1', { status: 'CANCELLED', error: null, now: T0 + 2 });
        expect(cancelled).toMatchObject({ status: 'CANCELLED', processed: 10, cursor: 'c', finishedAt: T0 + 2 });
        expect(await store.recordSyncJobProgress('job-1', { processed: 20, total: null, cursor: 'd', now: T0 + 3 })).toBeNull();
        expect(await store.finishSyncJob('job-1', { status: 'SUCCEEDED', error: null, now: T0 + 4 })).toBeNull();
        expect(await store.getSyncJob('job-1')).toMatchObject({ status: 'CANCELLED', processed: 10, cursor: 'c' });
      });

      it('fences a job to its newest owner: a stale owner\'s progress and finish are refused, a cancel is not', async () => {
        const store = await open();
        await claim(store);
        expect(await store.fenceSyncJob('job-1', 5, T0 + 1)).toMatchObject({ id: 'job-1', status: 'QUEUED' });
        expect(await store.recordSyncJobProgress('job-1', { processed: 10, total: 30, cursor: 'page-1', now: T0 + 2, fencingToken: 5 })).toMatchObject({ cursor: 'page-1' });
        // Owner 5 stalls past its lease; owner 9 takes over from the stored cursor.
        expect(await store.fenceSyncJob('job-1', 9, T0 + 3)).toMatchObject({ status: 'RUNNING', processed: 10, cursor: 'page-1' });
        expect(await store.fenceSyncJob('job-1', 5, T0 + 4)).toBeNull();
        expect(await store.recordSyncJobProgress('job-1', { processed: 20, total: 30, cursor: 'stale', now: T0 + 5, fencingToken: 5 })).toBeNull();
        expect(await store.finishSyncJob('job-1', { status: 'SUCCEEDED', error: null, now: T0 + 6, fencingToken: 5 })).toBeNull();
        expect(await store.recordSyncJobProgress('job-1', { processed: 20, total: 30, cursor: 'page-2', now: T0 + 7, fencingToken: 9 })).toMatchObject({ cursor: 'page-2' });
        expect(await store.finishSyncJob('job-1', { status: 'CANCELLED', error: null, now: T0 + 8 })).toMatchObject({ status: 'CANCELLED', cursor: 'page-2', processed: 20 });
        expect(await store.recordSyncJobProgress('job-1', { processed: 30, total: 30, cursor: null, now: T0 + 9, fencingToken: 9 })).toBeNull();
      });

      it('resumes the vendor\'s newest job when it FAILED in the same mode, keeping its id, cursor and progress', async () => {
        const store = await open();
        await claim(store);
        await store.recordSyncJobProgress('job-1', { processed: 40, total: 100, cursor: 'page-2', now: T0 + 1 });
        const error = { code: 'VENDOR_UNAVAILABLE', message: 'vendor-a could not be reached', retryable: true };
        expect(await store.finishSyncJob('job-1', { status: 'FAILED', error, now: T0 + 2 })).toMatchObject({ status: 'FAILED', error, finishedAt: T0 + 2 });
        // Another mode is another pass: it does not take over the failed one.
        const incremental = await claim(store, { id: 'job-2', mode: 'INCREMENTAL', now: T0 + 3 });
        expect(incremental.kind).toBe('created');
        await store.finishSyncJob('job-2', { status: 'SUCCEEDED', error: null, now: T0 + 4 });
        expect((await claim(store, { id: 'job-3', now: T0 + 5 })).kind).toBe('created'); // job-1 is no longer the newest
        await store.finishSyncJob('job-3', { status: 'FAILED', error, now: T0 + 6 });
        const resumed = await claim(store, { id: 'job-4', now: T0 + 7 });
        expect(resumed).toMatchObject({ kind: 'resumed', job: { id: 'job-3', status: 'QUEUED', error: null, finishedAt: null, updatedAt: T0 + 7 } });
        expect(await store.getSyncJob('job-4')).toBeNull();
      });

      it('lists jobs newest first, by vendor and status, in pages without gaps or repeats', async () => {
        const store = await open();
        for (let index = 0; index < 9; index += 1) {
          const vendorId = index % 3 === 0 ? 'vendor-b' : 'vendor-a';
          await claim(store, { id: `job-${index}`, vendorId, accountKey: `account-${index}`, now: T0 + index });
          if (index % 2 === 0) await store.finishSyncJob(`job-${index}`, { status: 'SUCCEEDED', error: null, now: T0 + index });
        }
        const ids: string[] = [];
        let after: number | null = null;
        for (;;) {
          const page = await store.listSyncJobs({}, { first: 4, afterSequence: after });
          ids.push(...page.jobs.map((job) => job.id));
          if (!page.hasNextPage) break;
          after = page.jobs.at(-1)!.sequence;
        }
        expect(ids).toEqual(['job-8', 'job-7', 'job-6', 'job-5', 'job-4', 'job-3', 'job-2', 'job-1', 'job-0']);
        expect((await store.listSyncJobs({ vendorIds: ['vendor-b'] }, { first: 10, afterSequence: null })).jobs.map((job) => job.id)).toEqual(['job-6', 'job-3', 'job-0']);
        expect((await store.listSyncJobs({ vendorIds: [] }, { first: 10, afterSequence: null })).jobs).toEqual([]);
        const active = await store.listSyncJobs({ statuses: ['QUEUED', 'RUNNING'] }, { first: 10, afterSequence: null });
        expect(active.jobs.map((job) => job.id)).toEqual(['job-7', 'job-5', 'job-3', 'job-1']);
      });
    });

    if (factory.reopen) {
      const reopen = factory.reopen;
      it('keeps a running sync job with its cursor across a restart', async () => {
        const store = await open();
        await claim(store);
        await store.recordSyncJobProgress('job-1', { processed: 7, total: 9, cursor: 'page-3', now: T0 + 1 });
        await store.close();
        const restarted = await reopen();
        opened.push(restarted);
        expect(await restarted.getSyncJob('job-1')).toMatchObject({ status: 'RUNNING', processed: 7, total: 9, cursor: 'page-3' });
        expect((await claim(restarted, { id: 'job-2' })).kind).toBe('active');
      });

      it('keeps records, audit, cursors and values across a restart', async () => {
        const store = await open();
        const first = await begin(store);
        if (first.kind !== 'acquired') throw new Error('unreachable');
        await store.finishIdempotent({ scope: 'caller-1', key: 'key-1', token: first.token, payload: '{"done":1}', final: true, audit: [auditEntry()], now: T0, ttlMs: 24 * HOUR });
        const open2 = await begin(store, { key: 'key-open' });
        expect(open2.kind).toBe('acquired');
        await store.setSyncCursor('vendor-a', { updatedSince: '2026-11-25T09:00:00Z', syncedAt: T0 });
        await store.putValues('ns', [['k', 'v']], T0);
        await store.close();

        const restarted = await reopen();
        opened.push(restarted);
        expect(await begin(restarted, { now: T0 + HOUR })).toEqual({ kind: 'completed', payload: '{"done":1}' });
        expect((await begin(restarted, { key: 'key-open', now: T0 + 1 })).kind).toBe('in-progress');
        expect((await begin(restarted, { key: 'key-open', now: T0 + 30_000 })).kind).toBe('acquired');
        expect((await restarted.queryAudit({}, { first: 10, afterSequence: null })).entries).toHaveLength(1);
        expect(await restarted.getSyncCursor('vendor-a')).toEqual({ updatedSince: '2026-11-25T09:00:00Z', syncedAt: T0 });
        expect(Object.fromEntries(await restarted.getValues('ns', ['k']))).toEqual({ k: 'v' });
      });
    }
  });
}
