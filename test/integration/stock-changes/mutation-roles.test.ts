import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/auth/create-authenticator.ts';
import { fakeWritableSource } from '../../support/fake-writable-source.ts';
import { KEYS, productionAuthConfig } from '../auth/auth-test-kit.ts';
import { startGatewayWithSources, type TestGateway } from '../../support/start-test-gateway.ts';
import { adjustQuantities, readAudit } from './inventory-documents.ts';

/** The role matrix on the real mutations and the audit query: refused before any vendor call. */
let gateway: TestGateway;
const shop = fakeWritableSource('acme-shopify', { products: 2 });
const woo = fakeWritableSource('acme-woo', { products: 2 });

beforeAll(async () => {
  const config = productionAuthConfig();
  gateway = await startGatewayWithSources([shop.source, woo.source], { config, services: { authenticator: createAuthenticator(config) } });
});
afterAll(() => gateway.close());

const change = (source: typeof shop) => ({ productId: source.productId(0), locationId: source.locationId('main'), delta: 1 });

describe('who may change stock', () => {
  it('a viewer gets FORBIDDEN and no vendor is called', async () => {
    const { response } = await adjustQuantities(gateway.url, { idempotencyKey: 'v-1', reason: 'x', changes: [change(woo)] }, { 'x-api-key': KEYS.viewer });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(woo.calls.commits + woo.calls.productsByNativeIds).toBe(0);
  });

  it('an anonymous caller in production gets UNAUTHENTICATED', async () => {
    const { response } = await adjustQuantities(gateway.url, { idempotencyKey: 'a-1', reason: 'x', changes: [change(woo)] });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an inventory:write caller changes stock; only an admin reads the audit log', async () => {
    const { payload } = await adjustQuantities(gateway.url, { idempotencyKey: 'w-1', reason: 'recount', changes: [change(woo)] }, { 'x-api-key': KEYS.writer });
    expect(payload!.results[0]!.status).toBe('APPLIED');
    await expect(readAudit(gateway.url, {}, { 'x-api-key': KEYS.writer })).rejects.toThrow(/FORBIDDEN/);
    expect((await readAudit(gateway.url, {}, { 'x-api-key': KEYS.admin })).length).toBe(1);
  });
});
