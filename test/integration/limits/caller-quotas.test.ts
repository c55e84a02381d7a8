import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildRequestContext } from '../../../src/context/build-request-context.ts';
import { KEYS, post, startLimitsGateway, type LimitsGateway } from './limits-harness.ts';

const CATALOG = '{ products(first: 10) { nodes { id sku } } }';

describe('per-caller quotas', () => {
  let gw: LimitsGateway;
  beforeAll(async () => {
    gw = await startLimitsGateway({
      environment: 'production',
      quotas: {
        viewer: { requestsPerMinute: 3, costPerMinute: 100_000 },
        oneVendor: { requestsPerMinute: 100, costPerMinute: 500 },
        partner: { requestsPerMinute: 3, costPerMinute: 100_000 },
      },
      limits: { defaultQuota: { requestsPerMinute: 2, costPerMinute: 100_000 } },
    });
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw.resetUpstream());

  it('a key over its requestsPerMinute gets 429, Retry-After and RATE_LIMITED, and nothing reaches a vendor', async () => {
    for (let request = 0; request < 3; request += 1) {
      expect((await post(gw.url, { query: '{ vendors { id } }' }, { key: KEYS.viewer })).status).toBe(200);
    }
    gw.resetUpstream();
    const refused = await post(gw.url, { query: CATALOG }, { key: KEYS.viewer });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', quota: 'requestsPerMinute', max: 3, retryable: true });
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('documents that fail parsing or validation spend the caller’s requests too', async () => {
    expect((await post(gw.url, { query: '{ vendors { id' }, { key: KEYS.partner })).status).toBe(400);
    expect((await post(gw.url, { query: '{ nosuchfield }' }, { key: KEYS.partner })).status).toBe(400);
    expect((await post(gw.url, { query: '{ vendors { id } }' }, { key: KEYS.partner })).status).toBe(200);
    const refused = await post(gw.url, { query: '{ vendors { id } }' }, { key: KEYS.partner });
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('another key keeps its own allowance (quotas are per caller)', async () => {
    const response = await post(gw.url, { query: '{ vendors { id } }' }, { key: KEYS.admin });
    expect(response.status).toBe(200);
  });

  it('keys without a quota of their own share nothing but get limits.defaultQuota each', async () => {
    expect((await post(gw.url, { query: '{ vendors { id } }' }, { key: KEYS.writer })).status).toBe(200);
    expect((await post(gw.url, { query: '{ vendors { id } }' }, { key: KEYS.writer })).status).toBe(200);
    expect((await post(gw.url, { query: '{ vendors { id } }' }, { key: KEYS.writer })).status).toBe(429);
  });

  it('costPerMinute: a caller whose documents would cost more than its minute allows is refused before the vendors', async () => {
    // One vendor in scope: a 10-product page costs 50 (one call) + 11 objects.
    const first = await post(gw.url, { query: CATALOG }, { key: KEYS.oneVendor });
    expect(first.status).toBe(200);
    gw.resetUpstream();
    const big = await post(gw.url, { query: '{ products(first: 250) { nodes { id price { amount } inventoryLevels { available } } } }' }, { key: KEYS.oneVendor });
    expect(big.status).toBe(429);
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', quota: 'costPerMinute', max: 500 });
    expect(gw.upstreamRequests()).toBe(0);
  });

  it('executeOperation (the way the MCP tools run operations) gets the same limits and quotas', async () => {
    const { services, http } = gw.gateway;
    const contextFor = (key: string) => buildRequestContext(services, { headers: { 'x-api-key': key }, signal: new AbortController().signal });
    const deep = '{ vendors { products(first: 1) { nodes { vendor { products(first: 1) { nodes { vendor { products(first: 1) { nodes { id } } } } } } } } } }';
    const tooDeep = await http.apollo.executeOperation({ query: deep }, { contextValue: await contextFor(KEYS.admin) });
    expect(tooDeep.http.status).toBe(400);
    expect(tooDeep.body.kind === 'single' && tooDeep.body.singleResult.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'maxDepth' });
    // The viewer key spent its three requests over HTTP above.
    const overQuota = await http.apollo.executeOperation({ query: '{ vendors { id } }' }, { contextValue: await contextFor(KEYS.viewer) });
    expect(overQuota.http.status).toBe(429);
    expect(overQuota.body.kind === 'single' && overQuota.body.singleResult.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(gw.upstreamRequests()).toBe(0);
  });
});
