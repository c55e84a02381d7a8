import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.ts';
import { validateConfig } from '../../../src/config/load-config.ts';
import { startShopifySimulator, type ShopifySimulator } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import { readSecretKeys } from '../../../src/secrets/secret-keys.ts';
import { startGateway } from '../../../src/server/start-gateway.ts';
import { postGraphQL } from '../../support/graphql-client.ts';
import { memoryLogger } from '../../support/memory-log.ts';
import { CLIENT_ID, CLIENT_SECRET } from './expiring-tokens-kit.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const env = { SHOP_CLIENT_SECRET: CLIENT_SECRET, SHOP_REFRESH_TOKEN: 'shprt_configured', SHOP_TOKEN: 'shpat_static' };
const shopify = { id: 'acme-shopify', name: 'ACME', platform: 'shopify', shopDomain: 'acme.myshopify.com' };

function issues(vendor: Record<string, unknown>, environment: Record<string, string> = { ...env, STOCKGRAPH_SECRET_KEY: KEY }): string[] {
  try {
    validateConfig({ environment: 'production', vendors: [{ ...shopify, ...vendor }] }, environment, 'test');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
}

describe('Shopify token configuration', () => {
  it('takes either accessToken or clientId + clientSecret + refreshToken', () => {
    expect(issues({ accessToken: '${SHOP_TOKEN}' })).toEqual([]);
    expect(issues({ clientId: CLIENT_ID, clientSecret: '${SHOP_CLIENT_SECRET}', refreshToken: '${SHOP_REFRESH_TOKEN}' })).toEqual([]);
  });

  it('names what is missing or doubled', () => {
    expect(issues({})).toEqual(['vendors[0].accessToken: is required, or instead clientId, clientSecret and refreshToken for expiring offline tokens']);
    expect(issues({ clientId: CLIENT_ID, refreshToken: '${SHOP_REFRESH_TOKEN}' })).toEqual([
      'vendors[0].clientSecret: is required with clientId and refreshToken (expiring offline tokens need clientId, clientSecret and refreshToken)',
    ]);
    expect(issues({ accessToken: '${SHOP_TOKEN}', refreshToken: '${SHOP_REFRESH_TOKEN}' })).toEqual([
      "vendors[0].refreshToken: give either accessToken (a custom app's token) or clientId, clientSecret and refreshToken (expiring offline tokens), not both",
    ]);
  });

  it('in production wants the client secret and refresh token as ${ENV_VAR} references', () => {
    expect(issues({ clientId: CLIENT_ID, clientSecret: 'inline', refreshToken: '${SHOP_REFRESH_TOKEN}' })).toEqual([
      'vendors[0].clientSecret: secrets must be given as ${ENV_VAR} references in production, not inline',
    ]);
  });

  it('refuses a refresh-token vendor without STOCKGRAPH_SECRET_KEY, naming the variable and the vendor', () => {
    expect(issues({ clientId: CLIENT_ID, clientSecret: '${SHOP_CLIENT_SECRET}', refreshToken: '${SHOP_REFRESH_TOKEN}' }, env)).toEqual([
      'STOCKGRAPH_SECRET_KEY: is not set, but vendors[0] (acme-shopify) uses a Shopify refresh token, which the gateway must store encrypted; export STOCKGRAPH_SECRET_KEY=$(openssl rand -base64 32) (keep it: the stored token cannot be read without it)',
    ]);
  });
});

describe('a gateway with an expiring-token Shopify vendor', () => {
  let sim: ShopifySimulator;
  const log = memoryLogger('debug');
  beforeAll(async () => {
    sim = await startShopifySimulator({ oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
  });
  afterAll(() => sim.close());

  const config = (refreshToken: string) =>
    validateConfig(
      {
        environment: 'development',
        vendors: [{ ...shopify, shopDomain: sim.shopDomain, endpoint: sim.url, clientId: CLIENT_ID, clientSecret: '${SHOP_CLIENT_SECRET}', refreshToken: '${SHOP_REFRESH_TOKEN}' }],
        store: { sqlitePath: ':memory:' },
      },
      { SHOP_CLIENT_SECRET: CLIENT_SECRET, SHOP_REFRESH_TOKEN: refreshToken, STOCKGRAPH_SECRET_KEY: KEY },
      'test',
    );

  it('does not start without a secret key', async () => {
    await expect(startGateway(config(sim.oauth!.install().refreshToken), { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) })).rejects.toThrow(
      /STOCKGRAPH_SECRET_KEY: is not set, but vendors\[0\] \(acme-shopify\) uses a Shopify refresh token/,
    );
  });

  it('answers queries through refreshed tokens; a refused refresh reaches GraphQL clients without any secret', async () => {
    const good = sim.oauth!.install().refreshToken;
    const gateway = await startGateway(config(good), { port: 0, host: '127.0.0.1', logger: log.logger, secretKeys: readSecretKeys({ STOCKGRAPH_SECRET_KEY: KEY }) });
    try {
      const ok = await postGraphQL<{ products: { nodes: unknown[] } }>(gateway.url, '{ products(first: 3) { nodes { sku } } }');
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.products.nodes).toHaveLength(3);
    } finally {
      await gateway.close();
    }
    const bad = await startGateway(config('shprt_revoked_by_uninstall'), { port: 0, host: '127.0.0.1', logger: log.logger, secretKeys: readSecretKeys({ STOCKGRAPH_SECRET_KEY: KEY }) });
    try {
      const refused = await postGraphQL(bad.url, '{ products(first: 3) { nodes { sku } } }');
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'VENDOR_REJECTED', vendorId: 'acme-shopify', retryable: false } });
      const text = JSON.stringify(refused) + log.lines.join('\n');
      for (const secret of [CLIENT_SECRET, good, 'shprt_revoked_by_uninstall', KEY]) expect(text).not.toContain(secret);
    } finally {
      await bad.close();
    }
  });
});
