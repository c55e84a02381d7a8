import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/create-authenticator.ts';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import type { GrowthBookFlagService } from '../../../src/flags/growthbook-flag-service.ts';
import { productGlobalId } from '../../../src/model/global-id.ts';
import type { SchemaExtension } from '../../../src/server/executable-schema.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { featuresPayload, off, startFileFlagService, tempFlagsFile } from '../flags/flags-test-kit.ts';
import { KEYS, hs256Token, productionAuthConfig } from './auth-test-kit.ts';

/** Test-only fields: one per role level, each calling the vendor so a refused call can be counted. */
function roleFieldsExtension(vendor: VendorSource): SchemaExtension {
  const count = (_: unknown, __: unknown, ctx: never) => vendor.countProducts(ctx, {});
  return {
    typeDefs: `
      type Query {
        stockReport: Int @auth(requires: INVENTORY_WRITE)
        performance: Int @feature(flag: "vendor_performance_tracking")
        adminSecret: Int @auth(requires: ADMIN) @feature(flag: "advanced_analytics_enabled")
      }
      type Mutation { adjustStock: Int }`,
    resolvers: { Query: { stockReport: count, performance: count, adminSecret: count }, Mutation: { adjustStock: count } },
  };
}

let gateway: TestGateway | undefined;
let flags: GrowthBookFlagService | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await gateway?.close();
  await flags?.close();
  await cleanup?.();
  gateway = flags = cleanup = undefined;
});

async function start(flagsText = featuresPayload()) {
  const shop = fakeVendorSource('acme-shopify', 3);
  const woo = fakeVendorSource('acme-woo', 3);
  const file = await tempFlagsFile(flagsText);
  cleanup = file.remove;
  flags = await startFileFlagService(file.path);
  const config = productionAuthConfig();
  gateway = await startGatewayWithSources([shop.source, woo.source], {
    config,
    services: { authenticator: createAuthenticator(config), flags },
    schemaExtension: roleFieldsExtension(woo.source),
  });
  const calls = () => Object.values(shop.calls).reduce((a, b) => a + b, 0) + Object.values(woo.calls).reduce((a, b) => a + b, 0);
  return { url: gateway.url, shop, woo, calls };
}

const as = (key: string) => ({ 'x-api-key': key });

describe('roles (@auth and the root defaults)', () => {
  const operations = {
    'Query.vendors (default VIEWER)': '{ vendors { id } }',
    'Query.stockReport (INVENTORY_WRITE)': '{ stockReport }',
    'Mutation.adjustStock (default INVENTORY_WRITE)': 'mutation { adjustStock }',
    'Query.featureFlags (ADMIN)': '{ featureFlags { name } }',
  };
  const allowed: Record<keyof typeof KEYS, Array<keyof typeof operations>> = {
    viewer: ['Query.vendors (default VIEWER)'],
    wooOnly: ['Query.vendors (default VIEWER)'],
    writer: ['Query.vendors (default VIEWER)', 'Query.stockReport (INVENTORY_WRITE)', 'Mutation.adjustStock (default INVENTORY_WRITE)'],
    admin: Object.keys(operations) as Array<keyof typeof operations>,
  };

  it('lets each role do exactly what it holds; FORBIDDEN comes before any vendor call', async () => {
    const gw = await start();
    for (const [who, key] of Object.entries(KEYS) as Array<[keyof typeof KEYS, string]>) {
      for (const [name, document] of Object.entries(operations) as Array<[keyof typeof operations, string]>) {
        const before = gw.calls();
        const response = await postGraphQL(gw.url, document, {}, as(key));
        expect(response.status, `${who} ${name}`).toBe(200);
        if (allowed[who].includes(name)) {
          expect(response.errors, `${who} ${name}`).toBeUndefined();
        } else {
          expect(response.errors, `${who} ${name}`).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
          expect(gw.calls(), `${who} ${name} must not reach a vendor`).toBe(before);
        }
      }
    }
  });

  it('takes roles from the JWT roles claim', async () => {
    const gw = await start();
    const viewer = await postGraphQL(gw.url, '{ featureFlags { name } }', {}, { authorization: `Bearer ${await hs256Token({ roles: ['viewer'] })}` });
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await postGraphQL(gw.url, '{ featureFlags { name } }', {}, { authorization: `Bearer ${await hs256Token({ roles: ['admin'] })}` });
    expect(admin.errors).toBeUndefined();
    const none = await postGraphQL(gw.url, '{ vendors { id } }', {}, { authorization: `Bearer ${await hs256Token({ roles: ['superuser'] })}` });
    expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('checks the role before the flag: a viewer learns nothing about a flag behind ADMIN', async () => {
    const gw = await start(featuresPayload({ advanced_analytics_enabled: off }));
    const viewer = await postGraphQL(gw.url, '{ adminSecret }', {}, as(KEYS.viewer));
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await postGraphQL(gw.url, '{ adminSecret }', {}, as(KEYS.admin));
    expect(admin.errors?.[0]?.extensions?.code).toBe('FEATURE_DISABLED');
  });
});

describe('flag targeting by role, over HTTP', () => {
  it('an admin-only flag is on for the admin key and off for the viewer key', async () => {
    const gw = await start(
      featuresPayload({
        [FeatureFlag.VENDOR_PERFORMANCE_TRACKING]: { defaultValue: false, rules: [{ id: 'admins', condition: { roles: { $elemMatch: { $eq: 'admin' } } }, force: true }] },
      }),
    );
    expect((await postGraphQL(gw.url, '{ performance }', {}, as(KEYS.admin))).data).toEqual({ performance: 3 });
    const before = gw.woo.calls.countProducts;
    const viewer = await postGraphQL(gw.url, '{ performance }', {}, as(KEYS.viewer));
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FEATURE_DISABLED');
    expect(gw.woo.calls.countProducts).toBe(before);
  });
});

describe('vendor scope', () => {
  for (const [name, headers] of [
    ['API key scoped to acme-woo', async () => as(KEYS.wooOnly)],
    ['JWT with vendors: [acme-woo]', async () => ({ authorization: `Bearer ${await hs256Token({ vendors: ['acme-woo'] })}` })],
  ] as const) {
    it(`${name}: cannot read another vendor's products, and that vendor is never called`, async () => {
      const gw = await start();
      const auth = await headers();
      const response = await postGraphQL<Record<string, unknown>>(
        gw.url,
        `query($id: ID!, $skus: [String!]!) {
          product(id: $id) { id }
          productsBySku(skus: $skus) { vendorId }
          products(first: 10) { totalCount nodes { vendorId } }
          vendors { id }
          vendor(id: "acme-shopify") { id }
        }`,
        { id: productGlobalId('acme-shopify', '1'), skus: ['SKU-0', 'SKU-1'] },
        auth,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        product: null,
        productsBySku: [{ vendorId: 'acme-woo' }, { vendorId: 'acme-woo' }],
        products: { totalCount: 3, nodes: [{ vendorId: 'acme-woo' }, { vendorId: 'acme-woo' }, { vendorId: 'acme-woo' }] },
        vendors: [{ id: 'acme-woo' }],
        vendor: null,
      });
      const direct = await postGraphQL(gw.url, '{ products(vendorId: "acme-shopify") { totalCount } }', {}, auth);
      expect(direct.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(gw.shop.calls).toEqual({ listProducts: 0, productsBySkus: 0, productsByNativeIds: 0, inventoryLevels: 0, countProducts: 0 });

      const own = await postGraphQL<{ product: { id: string } | null }>(gw.url, 'query($id: ID!) { product(id: $id) { id } }', { id: productGlobalId('acme-woo', '2') }, auth);
      expect(own.data).toEqual({ product: { id: productGlobalId('acme-woo', '2') } });
    });
  }
});
