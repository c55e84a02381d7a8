import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settledPlan } from '../../../src/vendors/stock-writes/phased-writes.ts';
import { outcomeUnknownResult } from '../../../src/vendors/stock-writes/write-outcome.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { adjustQuantities } from './inventory-documents.ts';

/**
 * A vendor write whose outcome could not be settled by reading back (VENDOR_OUTCOME_UNKNOWN) is
 * never re-sent, not even when the client retries with the same key: re-sending a delta that
 * may have landed could apply it twice.
 */
let gateway: TestGateway;
const vendor = fakeWritableSource('vendor-a', { products: 1 });
let writes = 0;

beforeAll(async () => {
  const unsure: VendorSource = {
    ...vendor.source,
    stockWrites: {
      plan: async (_ctx, requests) =>
        settledPlan({
          refusals: requests.map(() => null),
          async commit() {
            writes += 1;
            return requests.map(() => outcomeUnknownResult(5, null, 'vendor-a did not answer in time; the level could not be read back'));
          },
        }),
    },
  };
  gateway = await startGatewayWithSources([unsure]);
});
afterAll(() => gateway.close());

describe('an unknown write outcome', () => {
  it('is reported as FAILED with VENDOR_OUTCOME_UNKNOWN and not re-sent on retries', async () => {
    const input = { idempotencyKey: 'unsure-1', reason: 'recount', changes: [{ productId: vendor.productId(0), locationId: vendor.locationId('main'), delta: 3 }] };
    const first = await adjustQuantities(gateway.url, input);
    expect(first.payload!.results[0]).toMatchObject({ status: 'FAILED', error: { code: 'VENDOR_OUTCOME_UNKNOWN' } });
    const retry = await adjustQuantities(gateway.url, input);
    expect(retry.payload!.results[0]).toMatchObject({ status: 'FAILED', error: { code: 'VENDOR_OUTCOME_UNKNOWN' } });
    expect(writes).toBe(1);
  });
});
