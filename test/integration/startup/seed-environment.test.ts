import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.ts';
import { configFromShopifyEnv } from '../../../src/config/load-config.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { startDemoGateway } from '../../support/start-demo-gateway.ts';

/** The seed's environment variables work as the seed writes them (#21.5). */
describe('the seed environment', () => {
  it('accepts SHOPIFY_SHOP_DOMAIN=your-shop and normalises it to your-shop.myshopify.com', () => {
    const config = configFromShopifyEnv({ SHOPIFY_SHOP_DOMAIN: 'your-shop', SHOPIFY_ACCESS_TOKEN: 'shpat_test_token' });
    expect(config.vendors[0]).toMatchObject({ platform: 'shopify', shopDomain: 'your-shop.myshopify.com' });
  });

  it('still refuses a domain that is not a shop, naming the field', () => {
    expect(() => configFromShopifyEnv({ SHOPIFY_SHOP_DOMAIN: 'shop.example.com', SHOPIFY_ACCESS_TOKEN: 'shpat_test_token' })).toThrow(ConfigError);
    expect(() => configFromShopifyEnv({ SHOPIFY_SHOP_DOMAIN: 'shop.example.com', SHOPIFY_ACCESS_TOKEN: 'shpat_test_token' })).toThrow(/vendors\[0\]\.shopDomain/);
  });

  it('demo mode reads its flags from FEATURE_FLAGS_FILE when it is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stockgraph-flags-'));
    const file = join(dir, 'my-flags.json');
    writeFileSync(file, JSON.stringify({ features: { demand_forecasting_enabled: { defaultValue: false }, debug_mode: { defaultValue: true } } }));
    const demo = await startDemoGateway({}, { STOCKGRAPH_DEMO_DB: ':memory:', FEATURE_FLAGS_FILE: file });
    try {
      expect(demo.sandbox.config.flags).toEqual({ file });
      const response = await postGraphQL<{ featureFlags: Array<{ name: string; enabled: boolean; source: string }> }>(demo.url, '{ featureFlags { name enabled source } }');
      const flags = new Map(response.data!.featureFlags.map((flag) => [flag.name, flag]));
      expect(flags.get('demand_forecasting_enabled')).toMatchObject({ enabled: false, source: file });
      expect(flags.get('debug_mode')).toMatchObject({ enabled: true, source: file });
    } finally {
      await demo.close();
    }
  });
});
