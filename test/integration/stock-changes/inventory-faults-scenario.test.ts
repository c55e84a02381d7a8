import { afterAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/sandbox/seeded-random.ts';
import { fakeWritableSource, type FakeWritableSource, type FaultPlan, type WriteStyle } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { adjustQuantities, readAudit, type ChangeSpec, type ChangesPayload } from './inventory-documents.ts';

const FAULT_RATE = 0.2;
const PRODUCTS_PER_VENDOR = 5;
const MUTATIONS = 250; // two changes each: 500 adjustments

/** 20% of write calls (deduplicating) or of calls+changes (compare-and-set) go wrong, deterministically. */
function faultPlan(style: WriteStyle, random: SeededRandom): FaultPlan {
  if (style === 'deduplicating') {
    return { forCall: () => (random.chance(FAULT_RATE / 2) ? 'unreachable' : random.chance(FAULT_RATE / 2) ? 'applied-then-timeout' : 'none') };
  }
  return {
    forCall: () => (random.chance(FAULT_RATE / 3) ? 'unreachable' : 'none'),
    forChange: () => {
      const roll = random.next();
      return roll < FAULT_RATE / 3 ? 'lost-response' : roll < (2 * FAULT_RATE) / 3 ? 'timeout-not-applied' : 'none';
    },
  };
}

let gateway: TestGateway | undefined;
afterAll(() => gateway?.close());

describe('500 concurrent adjustments over 20 items on 4 faulty vendors', () => {
  it('ends with exactly the expected stock and one audit entry per applied change, with client retries under the same key', async () => {
    const random = new SeededRandom(20261125);
    const styles: WriteStyle[] = ['deduplicating', 'compare-and-set', 'deduplicating', 'compare-and-set'];
    const vendors: FakeWritableSource[] = styles.map((writeStyle, index) =>
      fakeWritableSource(`vendor-${index + 1}`, { products: PRODUCTS_PER_VENDOR, writeStyle, faults: faultPlan(writeStyle, new SeededRandom(index + 7)) }),
    );
    gateway = await startGatewayWithSources(vendors.map((vendor) => vendor.source));
    const url = gateway.url;

    const mutations = Array.from({ length: MUTATIONS }, (_, index) => {
      const first = random.int(0, 3);
      const second = (first + random.int(1, 3)) % 4;
      const change = (vendor: number): ChangeSpec & { vendor: number; item: number } => {
        const item = random.int(0, PRODUCTS_PER_VENDOR - 1);
        return { vendor, item, productId: vendors[vendor]!.productId(item), locationId: vendors[vendor]!.locationId(), delta: random.int(-9, 9) };
      };
      return { idempotencyKey: `scenario-${index}`, reason: 'scenario', changes: [change(first), change(second)] };
    });

    let attempts = 0;
    let inProgressAnswers = 0;
    const finals: ChangesPayload[] = await Promise.all(
      mutations.map(async (mutation) => {
        const input = { ...mutation, changes: mutation.changes.map(({ vendor: _v, item: _i, ...change }) => change) };
        for (let attempt = 0; attempt < 100; attempt += 1) {
          // The first attempt goes out twice at once, as a client that timed out and retried would.
          const sends = attempt === 0 ? [adjustQuantities(url, input), adjustQuantities(url, input)] : [adjustQuantities(url, input)];
          const answers = await Promise.all(sends);
          attempts += sends.length;
          const answer = answers.at(-1)!;
          if (answer.response.errors) {
            expect(answer.response.errors[0]?.extensions?.code).toBe('IDEMPOTENCY_IN_PROGRESS');
            inProgressAnswers += 1;
            continue;
          }
          if (answer.payload!.results.every((result) => result.status !== 'FAILED')) return answer.payload!;
        }
        throw new Error(`${mutation.idempotencyKey} never settled`);
      }),
    );

    const expected = vendors.map(() => Array.from({ length: PRODUCTS_PER_VENDOR }, () => 100));
    finals.forEach((payload, index) => {
      payload.results.forEach((result, position) => {
        expect(result.status).toBe('APPLIED'); // no compareQuantity: nothing can conflict
        const { vendor, item, delta } = mutations[index]!.changes[position]!;
        expected[vendor]![item]! += delta!;
        expect(result.after! - result.before!).toBe(delta);
      });
    });
    vendors.forEach((vendor, index) => {
      expect(Array.from({ length: PRODUCTS_PER_VENDOR }, (_, item) => vendor.stockOf(item))).toEqual(expected[index]);
    });

    const audit = await readAudit(url);
    expect(audit).toHaveLength(2 * MUTATIONS);
    expect(new Set(audit.map((entry) => `${entry.idempotencyKey}|${entry.productId}`)).size).toBe(2 * MUTATIONS);
    // Every change reached each vendor's stock exactly once.
    const changesPerVendor = vendors.map((_, index) => mutations.flatMap((mutation) => mutation.changes).filter((change) => change.vendor === index).length);
    expect(vendors.map((vendor) => vendor.vendorWrites.length)).toEqual(changesPerVendor);
    // The faults really happened: there were retries.
    expect(attempts).toBeGreaterThan(MUTATIONS * 2);
    expect(inProgressAnswers).toBe(0); // one process: concurrent duplicates join the running request
  });
});
