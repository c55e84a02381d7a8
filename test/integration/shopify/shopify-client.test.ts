import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import type { ShopifyThrottleStatus } from '../../../src/resilience/shopify-cost-budget.ts';
import { ShopifyClient } from '../../../src/vendors/shopify/shopify-client.ts';
import { PRODUCT_VARIANTS_PAGE_WITH_LEVELS } from '../../../src/vendors/shopify/shopify-documents.ts';
import { shopFactsDataSchema, variantsPageDataSchema } from '../../../src/vendors/shopify/shopify-schemas.ts';
import { variantPageCost } from '../../../src/vendors/shopify/shopify-cost-plan.ts';
import { testCallContext } from '../../support/call-context.ts';
import { startShopifyKit, type ShopifyKit } from './shopify-test-kit.ts';

let kit: ShopifyKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const deps = { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }) };
const pageWithLevels = { name: 'ProductVariantsPageWithLevels', document: PRODUCT_VARIANTS_PAGE_WITH_LEVELS, data: variantsPageDataSchema };

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('ShopifyClient', () => {
  it('sends the access token to /admin/api/<version>/graphql.json and records each answer\'s throttle status', async () => {
    const seen: ShopifyThrottleStatus[] = [];
    kit = await startShopifyKit({ productCount: 20, now: () => 0 }, { onThrottleStatus: (status) => seen.push(status) });
    const client = kit.source.client;
    const data = await client.execute(testCallContext(), { name: 'ShopFacts', document: 'query ShopFacts { shop { currencyCode } locationsCount { count } }', data: shopFactsDataSchema }, {}, { cost: 2 });
    expect(data).toEqual({ shop: { currencyCode: 'USD' }, locationsCount: { count: 3 } });
    expect(kit.sim.server.requestLog[0]?.path).toBe('/admin/api/2026-07/graphql.json');
    expect(client.lastThrottleStatus).toEqual({ maximumAvailable: 1000, currentlyAvailable: 998, restoreRate: 50 });
    expect(seen).toEqual([client.lastThrottleStatus]);
  });

  it('classifies THROTTLED as RATE_LIMIT and computes the wait from the bucket: (need − available) / restoreRate', async () => {
    kit = await startShopifyKit({ productCount: 20, now: () => 0 });
    kit.sim.bucket.drainTo(100);
    const cost = variantPageCost(55, 3); // 992 points requested
    const error = await failure(kit.source.client.execute(testCallContext(), pageWithLevels, { first: 55, levelsFirst: 3 }, { cost }));
    expect(error.errorClass).toBe('rate_limit');
    expect(error.code).toBe('VENDOR_RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBeCloseTo((992 - 100) / 50);
    expect(kit.source.client.lastThrottleStatus?.currentlyAvailable).toBe(100);
  });

  it('classifies a refused query (first > 250) as CLIENT with a short message', async () => {
    kit = await startShopifyKit({ productCount: 20 });
    const error = await failure(kit.source.client.execute(testCallContext(), pageWithLevels, { first: 300, levelsFirst: 1 }, { cost: 1 }));
    expect(error.errorClass).toBe('client');
    expect(error.code).toBe('VENDOR_REJECTED');
    expect(error.message).toMatch(/250/);
  });

  it('classifies a wrong token as AUTHENTICATION without echoing the token', async () => {
    kit = await startShopifyKit({ productCount: 20 });
    const client = new ShopifyClient({ ...kit.config, accessToken: 'shpat_secret_wrong' }, deps);
    try {
      const error = await failure(client.execute(testCallContext(), { name: 'ShopFacts', document: '{ shop { currencyCode } }', data: shopFactsDataSchema }, {}, { cost: 1 }));
      expect(error.errorClass).toBe('authentication');
      expect(error.status).toBe(401);
      expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toContain('shpat_secret_wrong');
    } finally {
      await client.close();
    }
  });

  it('reports a payload that does not match its schema as VALIDATION, naming the path', async () => {
    kit = await startShopifyKit({ productCount: 20 });
    const error = await failure(kit.source.client.execute(testCallContext(), { name: 'ShopFacts', document: 'query ShopFacts { locationsCount { count } }', data: shopFactsDataSchema }, {}, { cost: 1 }));
    expect(error.errorClass).toBe('validation');
    expect(error.message).toBe('shopify payload did not match the expected shape at shop');
  });

  it('classifies an injected 503 as SERVER', async () => {
    kit = await startShopifyKit({ productCount: 20, faults: { errorRate: 1 } });
    const error = await failure(kit.source.countProducts(testCallContext(), {}));
    expect(error.errorClass).toBe('server');
    expect(error.message).toContain('Service Unavailable');
  });
});
