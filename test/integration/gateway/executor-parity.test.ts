import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import { fixedFlags } from '../../../src/flags/flag-evaluator.ts';
import { ALL_FLAGS, FeatureFlag } from '../../../src/flags/flag-names.ts';
import { staticFlagService } from '../../../src/flags/static-flag-service.ts';
import type { SchemaExtension } from '../../../src/server/executable-schema.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startGatewayWithSources, testConfig, type TestGateway } from '../../support/start-test-gateway.ts';
import { SET, testAuthenticator } from '../stock-changes/inventory-documents.ts';

/**
 * `http.executor`: graphql-jit ("jit", the default) and graphql-js must answer every document
 * alike: data, nulls beside errors, error messages, paths, locations and extensions.code.
 * Two gateways over identical fresh vendors get the same requests in the same order.
 */
const FLAG_OFF = FeatureFlag.ADVANCED_ANALYTICS;
const extension: SchemaExtension = {
  typeDefs: `type Query {
  gatedCount: Int @feature(flag: "${FLAG_OFF}")
  openCount: Int
  failing: [Widget!]
  buggy: Int
}
type Widget { name: String! broken: Int! }`,
  resolvers: {
    Query: {
      gatedCount: () => 1,
      openCount: () => 2,
      failing: () => [{ name: 'a' }, { name: 'b' }],
      buggy: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    },
    Widget: {
      broken: () => {
        throw new UpstreamError('widget vendor timed out', { vendorId: 'widgets', errorClass: UpstreamErrorClass.TIMEOUT });
      },
    },
  },
};

async function startWith(executor: 'jit' | 'graphql-js'): Promise<{ gateway: TestGateway; productId: (index: number) => string; locationId: (name: string) => string }> {
  const shop = fakeWritableSource('vendor-a', { products: 12, locations: ['main', 'backroom'] });
  const down = fakeVendorSource('vendor-down', 3, {
    failWith: new UpstreamError('vendor-down could not be reached (ECONNREFUSED)', { vendorId: 'vendor-down', errorClass: UpstreamErrorClass.NETWORK }),
  });
  const gateway = await startGatewayWithSources([shop.source, down.source], {
    config: testConfig({ http: { executor } }),
    schemaExtension: extension,
    services: {
      authenticator: testAuthenticator({ everyone: {} }),
      flags: { ...staticFlagService, forCaller: () => fixedFlags(ALL_FLAGS.filter((flag) => flag !== FLAG_OFF)) },
    },
  });
  return { gateway, productId: shop.productId, locationId: shop.locationId };
}

const CATALOG_PAGE = `query Page($first: Int!) {
  products(first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id sku name vendorId price { amount currencyCode } inventoryLevels { id locationId locationName available onHand } } }
  }
}`;

const as = { 'x-test-caller': 'everyone' };
let jit: Awaited<ReturnType<typeof startWith>>;
let graphqlJs: Awaited<ReturnType<typeof startWith>>;
beforeAll(async () => {
  [jit, graphqlJs] = await Promise.all([startWith('jit'), startWith('graphql-js')]);
});
afterAll(async () => {
  await jit.gateway.close();
  await graphqlJs.gateway.close();
});

/**
 * The same request to both gateways, in turn, twice (a document's first request runs on graphql-js,
 * its second on the compiled form); the last answer is returned after checking all are equal.
 * A mutation that changes state is sent once: its document must have been sent before.
 */
async function both(query: string, variables: Record<string, unknown> = {}, times: 1 | 2 = 2) {
  let answer: Awaited<ReturnType<typeof postGraphQL>> | undefined;
  for (let round = 0; round < times; round += 1) {
    const a = await postGraphQL(jit.gateway.url, query, variables, as);
    const b = await postGraphQL(graphqlJs.gateway.url, query, variables, as);
    expect(withoutRequestId(a)).toEqual(withoutRequestId(b));
    answer = a;
  }
  return answer!;
}

/** Development mode's debug extension names each request by a fresh id; everything else must match. */
function withoutRequestId(response: object): object {
  const { extensions, ...rest } = response as { extensions?: { debug?: { requestId?: string } } };
  if (!extensions?.debug) return response;
  const { requestId, ...debug } = extensions.debug;
  expect(requestId).toEqual(expect.any(String));
  return { ...rest, extensions: { ...extensions, debug } };
}

describe('http.executor "jit" answers as graphql-js does', () => {
  it('serves a catalog page with inventory levels, and the unreachable vendor as a partial error', async () => {
    const page = await both(CATALOG_PAGE, { first: 20 });
    expect(page.status).toBe(200);
    expect((page.data as { products: { edges: unknown[] } }).products.edges).toHaveLength(12);
    expect(page.errors?.[0]?.extensions?.code).toBe('VENDOR_UNAVAILABLE');
    // The same document again runs its compiled form.
    await both(CATALOG_PAGE, { first: 3 });
  });

  it('nulls what a resolver error reaches, with the same message, path, locations and code', async () => {
    const failing = await both('{ openCount failing { name broken } }');
    expect(failing.data).toEqual({ openCount: 2, failing: null });
    expect(failing.errors).toHaveLength(1);
    expect(failing.errors![0]).toMatchObject({ message: 'widget vendor timed out', path: ['failing', 0, 'broken'], extensions: { code: 'VENDOR_TIMEOUT' } });
  });

  it('masks an error that is not the gateway\'s as INTERNAL_SERVER_ERROR, keeping its path and locations', async () => {
    const buggy = await both('{ openCount buggy }');
    expect(buggy.data).toEqual({ openCount: 2, buggy: null });
    expect(buggy.errors).toEqual([
      { message: 'Internal error: cannot read properties of undefined', locations: [{ line: 1, column: 13 }], path: ['buggy'], extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false } },
    ]);
  });

  it('refuses variables that do not coerce with graphql-js\'s message and a 400', async () => {
    const refused = await both(CATALOG_PAGE, { first: 'ten' });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await both(CATALOG_PAGE, {})).toMatchObject({ status: 400 });
  });

  it('hides a field whose flag is off the same way', async () => {
    const gated = await both('{ openCount gatedCount }');
    expect(gated.data).toEqual({ openCount: 2, gatedCount: null });
    expect(gated.errors?.[0]?.path).toEqual(['gatedCount']);
  });

  it('applies a mutation and refuses bad mutation input alike', async () => {
    const change = { productId: jit.productId(1), locationId: jit.locationId('main'), quantity: 7 };
    expect(graphqlJs.productId(1)).toBe(change.productId);
    const blank = await both(SET, { input: { idempotencyKey: ' ', reason: 'count', changes: [change] } });
    expect(blank.data).toMatchObject({ setInventoryQuantities: { userErrors: [{ code: 'BLANK_VALUE' }] } });
    const applied = await both(SET, { input: { idempotencyKey: 'parity-1', reason: 'count', changes: [change] } }, 1);
    expect(applied.errors).toBeUndefined();
    expect(applied.data).toMatchObject({ setInventoryQuantities: { results: [{ status: 'APPLIED', after: 7 }], userErrors: [] } });
  });
});
