import { afterEach, describe, expect, it } from 'vitest';
import { DEVELOPMENT_CALLER } from '../../../src/model/caller.ts';
import { requestFingerprint } from '../../../src/stock-changes/inventory-mutation-input.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { adjustQuantities, readAudit, setQuantities, testAuthenticator } from './inventory-documents.ts';

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('setInventoryQuantities / adjustInventoryQuantities', () => {
  it('answers one result per change in input order, one vendor call per vendor, and audits each applied change', async () => {
    const a = fakeWritableSource('vendor-a', { products: 3, writeStyle: 'compare-and-set' });
    const b = fakeWritableSource('vendor-b', { products: 3, writeStyle: 'deduplicating' });
    gateway = await startGatewayWithSources([a.source, b.source]);
    const { response, payload } = await setQuantities(gateway.url, {
      idempotencyKey: 'count-2026-11-25',
      reason: 'cycle count',
      changes: [
        { productId: a.productId(0), locationId: a.locationId(), quantity: 7 },
        { productId: b.productId(1), locationId: b.locationId(), quantity: 0 },
        { productId: a.productId(2), locationId: a.locationId(), quantity: 120, compareQuantity: 100 },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(payload).toEqual({
      userErrors: [],
      results: [
        { productId: a.productId(0), locationId: a.locationId(), status: 'APPLIED', before: 100, after: 7, error: null, level: expect.objectContaining({ productId: a.productId(0), locationId: a.locationId(), available: 7 }) },
        { productId: b.productId(1), locationId: b.locationId(), status: 'APPLIED', before: 100, after: 0, error: null, level: expect.objectContaining({ available: 0 }) },
        { productId: a.productId(2), locationId: a.locationId(), status: 'APPLIED', before: 100, after: 120, error: null, level: expect.objectContaining({ available: 120 }) },
      ],
    });
    expect([a.stockOf(0), b.stockOf(1), a.stockOf(2)]).toEqual([7, 0, 120]);
    expect(a.calls.commits).toBe(1);
    expect(b.calls.commits).toBe(1);
    expect(a.calls.productsByNativeIds).toBe(1); // validation reads are batched per vendor

    const audit = await readAudit(gateway.url, { filter: { idempotencyKey: 'count-2026-11-25' } });
    expect(audit).toHaveLength(3);
    expect(audit.find((entry) => entry.productId === a.productId(0))).toEqual({
      id: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      callerId: DEVELOPMENT_CALLER.id,
      requestId: expect.any(String),
      vendorId: 'vendor-a',
      productId: a.productId(0),
      locationId: a.locationId(),
      mutation: 'SET',
      before: 100,
      after: 7,
      delta: -93,
      reason: 'cycle count',
      idempotencyKey: 'count-2026-11-25',
    });
  });

  it('replays the stored result for a retry with the same key and input, touching no vendor', async () => {
    const a = fakeWritableSource('vendor-a', { products: 2 });
    gateway = await startGatewayWithSources([a.source]);
    const input = { idempotencyKey: 'k-1', reason: 'received', changes: [{ productId: a.productId(0), locationId: a.locationId(), delta: 5 }] };
    const first = await adjustQuantities(gateway.url, input);
    const callsAfterFirst = { ...a.calls };
    const replay = await adjustQuantities(gateway.url, input);
    expect(replay.payload).toEqual(first.payload);
    expect(a.calls).toEqual(callsAfterFirst); // not even a read
    expect(a.stockOf(0)).toBe(105);
    expect(await readAudit(gateway.url)).toHaveLength(1);
  });

  it('refuses the same key with a different input as IDEMPOTENCY_CONFLICT', async () => {
    const a = fakeWritableSource('vendor-a', { products: 2 });
    gateway = await startGatewayWithSources([a.source]);
    await adjustQuantities(gateway.url, { idempotencyKey: 'k-1', reason: 'received', changes: [{ productId: a.productId(0), locationId: a.locationId(), delta: 5 }] });
    const other = await adjustQuantities(gateway.url, { idempotencyKey: 'k-1', reason: 'received', changes: [{ productId: a.productId(0), locationId: a.locationId(), delta: 6 }] });
    expect(other.response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT', retryable: false }) })]);
    // The same changes under the other mutation are a different request too.
    const asSet = await setQuantities(gateway.url, { idempotencyKey: 'k-1', reason: 'received', changes: [{ productId: a.productId(0), locationId: a.locationId(), quantity: 5 }] });
    expect(asSet.response.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(a.calls.commits).toBe(1);
    expect(a.stockOf(0)).toBe(105);
  });

  it('makes 1,000 concurrent duplicates one vendor call with one result', async () => {
    const a = fakeWritableSource('vendor-a', { products: 2, writeStyle: 'compare-and-set' });
    gateway = await startGatewayWithSources([a.source]);
    const input = { idempotencyKey: 'burst', reason: 'sale', changes: [{ productId: a.productId(1), locationId: a.locationId(), delta: -1 }] };
    const answers = await Promise.all(Array.from({ length: 1000 }, () => adjustQuantities(gateway!.url, input)));
    expect(answers.every((answer) => answer.response.errors === undefined)).toBe(true);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.payload))).size).toBe(1);
    expect(answers[0]!.payload!.results[0]).toMatchObject({ status: 'APPLIED', before: 100, after: 99 });
    expect(a.calls.commits).toBe(1);
    expect(a.vendorWrites).toHaveLength(1);
    expect(a.stockOf(1)).toBe(99);
    expect(await readAudit(gateway.url)).toHaveLength(1);
  });

  it('answers CONFLICT and changes nothing when compareQuantity does not match, on both write styles', async () => {
    for (const writeStyle of ['compare-and-set', 'deduplicating'] as const) {
      const a = fakeWritableSource('vendor-a', { products: 2, writeStyle });
      gateway = await startGatewayWithSources([a.source]);
      a.setStockExternally(0, 42); // another channel sold stock since the client read it
      const { payload } = await setQuantities(gateway.url, {
        idempotencyKey: `cas-${writeStyle}`,
        reason: 'recount',
        changes: [
          { productId: a.productId(0), locationId: a.locationId(), quantity: 50, compareQuantity: 45 },
          { productId: a.productId(1), locationId: a.locationId(), quantity: 60, compareQuantity: 100 },
        ],
      });
      expect(payload!.results.map((result) => result.status)).toEqual(['CONFLICT', 'APPLIED']);
      expect(payload!.results[0]).toMatchObject({ before: 42, after: 42, level: null, error: { code: expect.any(String), message: expect.any(String) } });
      expect(a.stockOf(0)).toBe(42);
      expect(a.stockOf(1)).toBe(60);
      const audit = await readAudit(gateway.url);
      expect(audit.map((entry) => entry.productId)).toEqual([a.productId(1)]);
      await gateway.close();
      gateway = undefined;
    }
  });

  it('scopes keys per caller: two callers may use the same key independently', async () => {
    const a = fakeWritableSource('vendor-a', { products: 2 });
    gateway = await startGatewayWithSources([a.source], { services: { authenticator: testAuthenticator({ 'wms-1': {}, 'wms-2': {} }) } });
    const one = await adjustQuantities(gateway.url, { idempotencyKey: 'same', reason: 'r', changes: [{ productId: a.productId(0), locationId: a.locationId(), delta: 1 }] }, { 'x-test-caller': 'wms-1' });
    const two = await adjustQuantities(gateway.url, { idempotencyKey: 'same', reason: 'r', changes: [{ productId: a.productId(0), locationId: a.locationId(), delta: 2 }] }, { 'x-test-caller': 'wms-2' });
    expect([one.payload!.results[0]!.status, two.payload!.results[0]!.status]).toEqual(['APPLIED', 'APPLIED']);
    expect(a.stockOf(0)).toBe(103);
    expect((await readAudit(gateway.url, {}, { 'x-test-caller': 'wms-1' })).map((entry) => entry.callerId).sort()).toEqual(['wms-1', 'wms-2']);
  });

  it('answers IDEMPOTENCY_IN_PROGRESS (retryable) while another instance holds the key, and resumes once its lease expired', async () => {
    const a = fakeWritableSource('vendor-a', { products: 1 });
    gateway = await startGatewayWithSources([a.source]);
    const input = { idempotencyKey: 'elsewhere', reason: 'r', changes: [{ productId: a.productId(0), locationId: a.locationId(), delta: 3 }] };
    const claim = { scope: DEVELOPMENT_CALLER.id, key: 'elsewhere', fingerprint: requestFingerprint('adjust', input), ttlMs: 86_400_000 };
    // Another gateway process sharing the store claimed the key (and is still running).
    await gateway.services.store.beginIdempotent({ ...claim, now: Date.now(), leaseMs: 600_000 });
    const busy = await adjustQuantities(gateway.url, input);
    expect(busy.response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'IDEMPOTENCY_IN_PROGRESS', retryable: true }) })]);
    expect(a.calls.commits).toBe(0);

    // A process that died mid-run: its lease has run out, so a retry re-runs the change.
    await gateway.services.store.beginIdempotent({ ...claim, key: 'died', now: Date.now() - 700_000, leaseMs: 600_000 });
    const resumed = await adjustQuantities(gateway.url, { ...input, idempotencyKey: 'died' });
    expect(resumed.payload!.results[0]).toMatchObject({ status: 'APPLIED', before: 100, after: 103 });
  });

  it('re-runs a request whose process died after the vendor write: an absolute set lands on the same stock', async () => {
    const a = fakeWritableSource('vendor-a', { products: 2 });
    gateway = await startGatewayWithSources([a.source]);
    const input = {
      idempotencyKey: 'crashed',
      reason: 'recount',
      changes: [
        { productId: a.productId(0), locationId: a.locationId(), quantity: 40 },
        { productId: a.productId(1), locationId: a.locationId(), quantity: 30, compareQuantity: 100 },
      ],
    };
    // The dead process had claimed the key and written both changes at the vendor, then crashed.
    const claim = { scope: DEVELOPMENT_CALLER.id, key: 'crashed', fingerprint: requestFingerprint('set', input), ttlMs: 86_400_000 };
    await gateway.services.store.beginIdempotent({ ...claim, now: Date.now() - 700_000, leaseMs: 600_000 });
    a.setStockExternally(0, 40);
    a.setStockExternally(1, 30);
    const retry = await setQuantities(gateway.url, input);
    // The plain set is re-applied to the same value; the compare-and-set one finds its own write and changes nothing.
    expect(retry.payload!.results.map((result) => [result.status, result.after])).toEqual([['APPLIED', 40], ['CONFLICT', 30]]);
    expect([a.stockOf(0), a.stockOf(1)]).toEqual([40, 30]);
  });

  it('re-sends only the changes that FAILED when the client retries with the same key', async () => {
    const a = fakeWritableSource('vendor-a', { products: 2, faults: { forCall: (call) => (call === 1 ? 'unreachable' : 'none') } });
    const b = fakeWritableSource('vendor-b', { products: 2 });
    gateway = await startGatewayWithSources([a.source, b.source]);
    const input = {
      idempotencyKey: 'partial',
      reason: 'transfer',
      changes: [
        { productId: a.productId(0), locationId: a.locationId(), delta: 4 },
        { productId: b.productId(0), locationId: b.locationId(), delta: -4 },
      ],
    };
    const first = await adjustQuantities(gateway.url, input);
    expect(first.payload!.results.map((result) => result.status)).toEqual(['FAILED', 'APPLIED']);
    expect(first.payload!.results[0]!.error).toEqual({ code: 'VENDOR_UNAVAILABLE', message: 'vendor-a could not be reached (ECONNRESET)' });
    const retry = await adjustQuantities(gateway.url, input);
    expect(retry.payload!.results.map((result) => result.status)).toEqual(['APPLIED', 'APPLIED']);
    expect(retry.payload!.results[1]).toEqual(first.payload!.results[1]);
    expect([a.calls.commits, b.calls.commits]).toEqual([2, 1]);
    expect([a.stockOf(0), b.stockOf(0)]).toEqual([104, 96]);
    const callsBefore = { ...b.calls };
    expect((await adjustQuantities(gateway.url, input)).payload).toEqual(retry.payload); // now complete: a pure replay
    expect(b.calls).toEqual(callsBefore);
    expect(await readAudit(gateway.url)).toHaveLength(2);
  });

  it('applies a change once when a deduplicating vendor applied it but the answer timed out', async () => {
    const a = fakeWritableSource('vendor-a', { products: 1, writeStyle: 'deduplicating', faults: { forCall: (call) => (call === 1 ? 'applied-then-timeout' : 'none') } });
    gateway = await startGatewayWithSources([a.source]);
    const input = { idempotencyKey: 'lost-answer', reason: 'r', changes: [{ productId: a.productId(0), locationId: a.locationId(), delta: -10 }] };
    const first = await adjustQuantities(gateway.url, input);
    expect(first.payload!.results[0]).toMatchObject({ status: 'FAILED', error: { code: 'VENDOR_TIMEOUT' } });
    expect(a.stockOf(0)).toBe(90); // it did happen at the vendor
    const retry = await adjustQuantities(gateway.url, input);
    expect(retry.payload!.results[0]).toMatchObject({ status: 'APPLIED', before: 100, after: 90 });
    expect(a.stockOf(0)).toBe(90);
    expect(a.vendorWrites).toHaveLength(1);
    expect(await readAudit(gateway.url)).toHaveLength(1);
  });

  it('tells stock-change listeners which products changed, and not about conflicts', async () => {
    const a = fakeWritableSource('vendor-a', { products: 3 });
    gateway = await startGatewayWithSources([a.source]);
    const heard: string[][] = [];
    gateway.services.inventory.stockChanges.subscribe({ invalidate: (ids) => void heard.push([...ids]) });
    await setQuantities(gateway.url, {
      idempotencyKey: 'notify',
      reason: 'r',
      changes: [
        { productId: a.productId(0), locationId: a.locationId(), quantity: 1 },
        { productId: a.productId(1), locationId: a.locationId(), quantity: 1, compareQuantity: 5 },
      ],
    });
    expect(heard).toEqual([[a.productId(0)]]);
  });
});
