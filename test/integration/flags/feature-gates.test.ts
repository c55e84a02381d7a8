import { afterEach, describe, expect, it } from 'vitest';
import { ALL_FLAGS } from '../../../src/flags/flag-names.ts';
import type { GrowthBookFlagService } from '../../../src/flags/growthbook-flag-service.ts';
import { Platform } from '../../../src/model/platform.ts';
import { productGlobalId } from '../../../src/model/global-id.ts';
import { buildExecutableSchema, type SchemaExtension } from '../../../src/server/executable-schema.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';
import { fakeVendorSource } from '../../support/fake-vendor-source.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { featuresPayload, off, startFileFlagService, tempFlagsFile } from './flags-test-kit.ts';

/**
 * A test-only field per flag, each gated by `@feature` and calling a fake vendor, so a test can
 * see both the answer and whether the resolver reached the vendor.
 */
function gatedFieldsExtension(vendor: VendorSource): SchemaExtension {
  const fields = ALL_FLAGS.map((flag) => `  gated_${flag}: Int @feature(flag: "${flag}")`).join('\n');
  return {
    typeDefs: `type Query {\n${fields}\n  analytics: AnalyticsReport\n}\n
type AnalyticsReport @feature(flag: "advanced_analytics_enabled") { total: Int }`,
    resolvers: {
      Query: {
        ...Object.fromEntries(ALL_FLAGS.map((flag) => [`gated_${flag}`, (_: unknown, __: unknown, ctx: never) => vendor.countProducts(ctx, {})])),
        analytics: () => ({ total: 7 }),
      },
    },
  };
}

function asShopify(source: VendorSource): VendorSource {
  return { ...source, info: { ...source.info, platform: Platform.SHOPIFY } };
}

let gateway: TestGateway | undefined;
let flags: GrowthBookFlagService | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await gateway?.close();
  await flags?.close();
  await cleanup?.();
  gateway = undefined;
  flags = undefined;
  cleanup = undefined;
});

async function startWithFlags(sources: VendorSource[], initial: string, extension?: SchemaExtension) {
  const file = await tempFlagsFile(initial);
  cleanup = file.remove;
  flags = await startFileFlagService(file.path);
  gateway = await startGatewayWithSources(sources, { services: { flags }, schemaExtension: extension });
  const service = flags;
  return {
    url: gateway.url,
    async setFlags(text: string) {
      await file.write(text);
      const outcome = await service.reload();
      expect(outcome.ok).toBe(true);
    },
  };
}

describe('@feature on fields', () => {
  it('switches each flag\'s field on and off; a disabled resolver makes no upstream call', async () => {
    const vendor = fakeVendorSource('vendor-a', 4);
    const gw = await startWithFlags([vendor.source], featuresPayload(), gatedFieldsExtension(vendor.source));
    for (const flag of ALL_FLAGS) {
      await gw.setFlags(featuresPayload({ [flag]: off }));
      const before = vendor.calls.countProducts;
      const disabled = await postGraphQL(gw.url, `{ gated_${flag} }`);
      expect(disabled.status).toBe(200);
      expect(disabled.data).toEqual({ [`gated_${flag}`]: null });
      expect(disabled.errors).toEqual([
        expect.objectContaining({ path: [`gated_${flag}`], extensions: expect.objectContaining({ code: 'FEATURE_DISABLED', flag }) }),
      ]);
      expect(vendor.calls.countProducts).toBe(before);

      await gw.setFlags(featuresPayload());
      const enabled = await postGraphQL(gw.url, `{ gated_${flag} }`);
      expect(enabled.errors).toBeUndefined();
      expect(enabled.data).toEqual({ [`gated_${flag}`]: 4 });
      expect(vendor.calls.countProducts).toBe(before + 1);
    }
  });

  it('gates every field of an object type annotated with @feature', async () => {
    const vendor = fakeVendorSource('vendor-a', 1);
    const gw = await startWithFlags([vendor.source], featuresPayload({ advanced_analytics_enabled: off }), gatedFieldsExtension(vendor.source));
    const disabled = await postGraphQL(gw.url, '{ analytics { total } }');
    expect(disabled.errors?.[0]?.extensions?.code).toBe('FEATURE_DISABLED');
    expect(disabled.errors?.[0]?.path).toEqual(['analytics', 'total']);
    await gw.setFlags(featuresPayload());
    expect((await postGraphQL(gw.url, '{ analytics { total } }')).data).toEqual({ analytics: { total: 7 } });
  });

  it('refuses, at start-up, a schema naming a flag that does not exist', () => {
    expect(() => buildExecutableSchema({ typeDefs: 'type Query { typo: Int @feature(flag: "shopfy_integration_enabled") }', resolvers: {} })).toThrow(
      /@feature\(flag: "shopfy_integration_enabled"\) on Query\.typo names no known feature flag/,
    );
  });
});

describe('shopify_integration_enabled', () => {
  const skus = ['SKU-0', 'SKU-1'];

  async function shopifyAndWoo(initial: string) {
    const shop = fakeVendorSource('acme-shopify', 3);
    const woo = fakeVendorSource('acme-woo', 2);
    const gw = await startWithFlags([asShopify(shop.source), woo.source], initial);
    return { gw, shop, woo };
  }

  it('off: every Shopify vendor is invisible to the caller and never called', async () => {
    const { gw, shop, woo } = await shopifyAndWoo(featuresPayload({ shopify_integration_enabled: off }));
    const shopProduct = productGlobalId('acme-shopify', '1');
    const response = await postGraphQL<Record<string, unknown>>(
      gw.url,
      `query($skus: [String!]!, $id: ID!) {
        vendors { id }
        vendor(id: "acme-shopify") { id }
        products(first: 10) { totalCount nodes { vendorId } }
        productsBySku(skus: $skus) { vendorId }
        product(id: $id) { id }
      }`,
      { skus, id: shopProduct },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      vendors: [{ id: 'acme-woo' }],
      vendor: null,
      products: { totalCount: 2, nodes: [{ vendorId: 'acme-woo' }, { vendorId: 'acme-woo' }] },
      productsBySku: [{ vendorId: 'acme-woo' }, { vendorId: 'acme-woo' }],
      product: null,
    });
    const scoped = await postGraphQL(gw.url, '{ products(vendorId: "acme-shopify") { totalCount } }');
    expect(scoped.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(shop.calls).toEqual({ listProducts: 0, productsBySkus: 0, productsByNativeIds: 0, inventoryLevels: 0, countProducts: 0 });
    expect(woo.calls.listProducts).toBeGreaterThan(0);
  });

  it('on: Shopify vendors are listed and called again', async () => {
    const { gw, shop } = await shopifyAndWoo(featuresPayload());
    const response = await postGraphQL<{ vendors: Array<{ id: string }>; productsBySku: Array<{ vendorId: string }> }>(
      gw.url,
      'query($skus: [String!]!) { vendors { id } productsBySku(skus: $skus) { vendorId } }',
      { skus },
    );
    expect(response.data!.vendors.map((vendor) => vendor.id)).toEqual(['acme-shopify', 'acme-woo']);
    expect(response.data!.productsBySku.filter((product) => product.vendorId === 'acme-shopify')).toHaveLength(2);
    expect(shop.calls.productsBySkus).toBe(1);
  });
});
