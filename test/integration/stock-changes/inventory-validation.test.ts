import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFlagsOn, fixedFlags, type FlagEvaluator } from '../../../src/flags/flag-evaluator.ts';
import { ALL_FLAGS, FeatureFlag } from '../../../src/flags/flag-names.ts';
import { staticFlagService } from '../../../src/flags/static-flag-service.ts';
import { locationGlobalId, productGlobalId } from '../../../src/model/global-id.ts';
import { fakeWritableSource, type FakeWritableSource } from '../../support/fake-writable-source.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { adjustQuantities, readAudit, setQuantities, testAuthenticator, type ChangeSpec } from './inventory-documents.ts';

let gateway: TestGateway;
let a: FakeWritableSource;
let b: FakeWritableSource;
const bulkOff: FlagEvaluator = fixedFlags(ALL_FLAGS.filter((flag) => flag !== FeatureFlag.BULK_OPERATIONS));

beforeAll(async () => {
  a = fakeWritableSource('vendor-a', { products: 4, locations: ['main', 'backroom'], untracked: [3] });
  b = fakeWritableSource('vendor-b', { products: 2 });
  gateway = await startGatewayWithSources([a.source, b.source], {
    config: testConfig({ limits: { maxChangesPerMutation: 6, bulkThreshold: 4 } }),
    services: {
      authenticator: testAuthenticator({ everyone: {}, 'only-b': { vendors: ['vendor-b'] }, 'no-bulk': {} }),
      flags: { ...staticFlagService, forCaller: (caller) => (caller.id === 'no-bulk' ? bulkOff : allFlagsOn) },
    },
  });
});
afterAll(() => gateway.close());

const as = (caller: string) => ({ 'x-test-caller': caller });
const ok = (): ChangeSpec => ({ productId: a.productId(0), locationId: a.locationId('main'), quantity: 5 });

async function refused(changes: ChangeSpec[], options: { caller?: string; key?: string; reason?: string } = {}) {
  const writesBefore = a.calls.commits + b.calls.commits;
  const { response, payload } = await setQuantities(
    gateway.url,
    { idempotencyKey: options.key ?? `key-${Math.random()}`, reason: options.reason ?? 'test', changes },
    as(options.caller ?? 'everyone'),
  );
  expect(response.errors).toBeUndefined();
  expect(payload!.results).toEqual([]);
  expect(a.calls.commits + b.calls.commits).toBe(writesBefore);
  return payload!.userErrors;
}

describe('inventory mutation input is refused before any vendor write', () => {
  it('refuses a blank idempotency key and a blank reason', async () => {
    expect(await refused([ok()], { key: '  ', reason: '' })).toEqual([
      { field: ['input', 'idempotencyKey'], code: 'BLANK_VALUE', message: '"idempotencyKey" must not be blank' },
      { field: ['input', 'reason'], code: 'BLANK_VALUE', message: '"reason" must not be blank' },
    ]);
    expect((await refused([ok()], { key: 'k'.repeat(256) }))[0]).toMatchObject({ field: ['input', 'idempotencyKey'], code: 'VALUE_TOO_LONG' });
  });

  it('refuses an empty list and more than limits.maxChangesPerMutation changes', async () => {
    expect(await refused([])).toEqual([{ field: ['input', 'changes'], code: 'NO_CHANGES', message: 'Give at least one change' }]);
    const seven = Array.from({ length: 7 }, (_, index) => ({ productId: a.productId(index % 3), locationId: a.locationId(index % 2 ? 'main' : 'backroom'), quantity: 1 }));
    expect(await refused(seven)).toEqual([{ field: ['input', 'changes'], code: 'TOO_MANY_CHANGES', message: 'At most 6 changes per mutation; got 7' }]);
  });

  it('refuses more than limits.bulkThreshold changes when bulk_operations_enabled is off for the caller', async () => {
    const five = [0, 1, 2].flatMap((index) => ['main', 'backroom'].map((location) => ({ productId: a.productId(index), locationId: a.locationId(location), quantity: 1 }))).slice(0, 5);
    expect(await refused(five, { caller: 'no-bulk' })).toEqual([expect.objectContaining({ code: 'BULK_OPERATIONS_DISABLED', field: ['input', 'changes'] })]);
  });

  it('refuses IDs that do not decode, or decode to the wrong kind', async () => {
    expect(await refused([ok(), { productId: 'garbage!', locationId: a.locationId(), quantity: 1 }])).toEqual([
      { field: ['input', 'changes', '1', 'productId'], code: 'INVALID_ID', message: 'Not a product ID: "garbage!"' },
    ]);
    expect(await refused([{ productId: a.productId(0), locationId: a.productId(1), quantity: 1 }])).toEqual([
      expect.objectContaining({ field: ['input', 'changes', '0', 'locationId'], code: 'INVALID_ID' }),
    ]);
  });

  it('refuses products that do not exist, of unknown vendors, or of vendors the caller may not see, alike', async () => {
    const unknownVendor = { productId: productGlobalId('vendor-zz', '1'), locationId: locationGlobalId('vendor-zz', 'main'), quantity: 1 };
    const unknownProduct = { productId: productGlobalId('vendor-a', '999'), locationId: a.locationId(), quantity: 1 };
    expect(await refused([unknownVendor])).toEqual([
      { field: ['input', 'changes', '0', 'productId'], code: 'PRODUCT_NOT_FOUND', message: 'No product with this ID' },
    ]);
    // Checks that need a vendor read run only once the input is otherwise well-formed.
    expect(await refused([ok(), unknownProduct])).toEqual([
      { field: ['input', 'changes', '1', 'productId'], code: 'PRODUCT_NOT_FOUND', message: 'No product with this ID' },
    ]);
    expect(await refused([{ productId: b.productId(0), locationId: b.locationId(), quantity: 1 }, ok()], { caller: 'only-b' })).toEqual([
      { field: ['input', 'changes', '1', 'productId'], code: 'PRODUCT_NOT_FOUND', message: 'No product with this ID' },
    ]);
  });

  it('refuses a location of another vendor, and one the product is not stocked at', async () => {
    expect(await refused([{ productId: a.productId(0), locationId: b.locationId(), quantity: 1 }])).toEqual([
      expect.objectContaining({ field: ['input', 'changes', '0', 'locationId'], code: 'VENDOR_MISMATCH' }),
    ]);
    expect(await refused([{ productId: a.productId(0), locationId: locationGlobalId('vendor-a', 'attic'), quantity: 1 }])).toEqual([
      expect.objectContaining({ field: ['input', 'changes', '0', 'locationId'], code: 'LOCATION_NOT_FOUND' }),
    ]);
  });

  it('refuses a product whose stock the vendor does not track', async () => {
    expect(await refused([ok(), { productId: a.productId(3), locationId: a.locationId(), quantity: 1 }])).toEqual([
      expect.objectContaining({ field: ['input', 'changes', '1', 'productId'], code: 'INVENTORY_NOT_TRACKED' }),
    ]);
  });

  it('refuses a negative absolute quantity (a negative delta is fine)', async () => {
    expect(await refused([{ ...ok(), quantity: -1 }])).toEqual([
      { field: ['input', 'changes', '0', 'quantity'], code: 'NEGATIVE_QUANTITY', message: 'A quantity cannot be negative; got -1' },
    ]);
  });

  it('refuses the same product and location twice in one input', async () => {
    expect(await refused([ok(), { productId: a.productId(0), locationId: a.locationId('backroom'), quantity: 2 }, { ...ok(), quantity: 9 }])).toEqual([
      expect.objectContaining({ field: ['input', 'changes', '2', 'locationId'], code: 'DUPLICATE_CHANGE' }),
    ]);
  });

  it('leaves the key unused after a refusal, so the corrected input may take it', async () => {
    await refused([{ ...ok(), productId: a.productId(3) }], { key: 'fix-me' });
    const { payload } = await adjustQuantities(gateway.url, { idempotencyKey: 'fix-me', reason: 'test', changes: [{ productId: a.productId(1), locationId: a.locationId(), delta: -2 }] }, as('everyone'));
    expect(payload!.results.map((result) => result.status)).toEqual(['APPLIED']);
    expect(a.stockOf(0)).toBe(100); // no refused change was ever applied
    expect((await readAudit(gateway.url, {}, as('everyone'))).map((entry) => entry.idempotencyKey)).toEqual(['fix-me']);
  });
});
