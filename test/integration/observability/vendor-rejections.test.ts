import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load-config.ts';
import { UpstreamErrorClass } from '../../../src/errors/error-code.ts';
import { UpstreamError } from '../../../src/errors/gateway-error.ts';
import { GatewayMetrics } from '../../../src/observability/gateway-metrics.ts';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { demoCustomVendorConfig } from '../../../src/sandbox/custom/custom-sim-demo-config.ts';
import { startCustomSimulator, type CustomSimulator } from '../../../src/sandbox/custom/custom-simulator.ts';
import { startWooCommerceSimulator, type WooCommerceSimulator } from '../../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import { CustomClient } from '../../../src/vendors/custom/custom-client.ts';
import type { CustomVendorConfig } from '../../../src/config/vendors/custom/custom-config.ts';
import { WooCommerceClient } from '../../../src/vendors/woocommerce/woocommerce-client.ts';
import type { WooCommerceVendorConfig } from '../../../src/config/vendors/woocommerce-config.ts';
import { testCallContext } from '../../support/call-context.ts';

/**
 * A vendor refusing our input (HTTP 422, or WooCommerce's 400 `rest_invalid_param` naming the
 * fields) is VENDOR_REJECTED with the vendor's field messages, sanitized, and its own error class
 * `invalid_input`, so logs and the upstream metric keep it apart from refused credentials
 * (`authentication` 401, `authorization` 403), which are VENDOR_REJECTED too (#21.6).
 */
let woo: WooCommerceSimulator;
let dropship: CustomSimulator;
const metrics = new GatewayMetrics();
const deps = { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }), observer: metrics };
const ctx = testCallContext();

beforeAll(async () => {
  [woo, dropship] = await Promise.all([startWooCommerceSimulator(), startCustomSimulator()]);
});
afterAll(async () => {
  await Promise.all([woo?.close(), dropship?.close()]);
});

function wooClient(consumerSecret = woo.consumerSecret): WooCommerceClient {
  const config: WooCommerceVendorConfig = { platform: 'woocommerce', id: 'acme-woo', name: 'ACME Woo', baseUrl: woo.url, consumerKey: woo.consumerKey, consumerSecret, queryStringAuth: false, currencyCode: 'EUR' };
  return new WooCommerceClient(config, deps);
}

async function failure(call: Promise<unknown>): Promise<UpstreamError> {
  const error = await call.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('a vendor that refuses our input', () => {
  it('WooCommerce 400 rest_invalid_param: VENDOR_REJECTED, class invalid_input, the field and its message', async () => {
    const client = wooClient();
    const error = await failure(client.get(ctx, '/products', { per_page: 500 }, 'products'));
    expect(error.code).toBe('VENDOR_REJECTED');
    expect(error.errorClass).toBe(UpstreamErrorClass.INVALID_INPUT);
    expect(error.retryable).toBe(false);
    expect(error.extensions.vendorErrors).toEqual([{ field: 'per_page', message: expect.stringContaining('per_page') }]);
    expect(error.message).toMatch(/^acme-woo rejected the input: Invalid parameter\(s\): per_page/);
    await client.close();
  });

  it('custom vendor 422: VENDOR_REJECTED, class invalid_input, the vendor\'s message without its host', async () => {
    const config = validateConfig({ environment: 'development', vendors: [demoCustomVendorConfig(dropship.url, 'KEY')] }, { KEY: dropship.apiKey }, 'test').vendors[0] as CustomVendorConfig;
    const client = new CustomClient(config, deps);
    const item = dropship.catalog[0]!;
    const error = await failure(client.write(ctx, 'PUT', `/products/${item.id}/stock/${item.stock[0]!.warehouse.code}`, { quantity: 1.5 }, 'writeStock'));
    expect(error.code).toBe('VENDOR_REJECTED');
    expect(error.errorClass).toBe(UpstreamErrorClass.INVALID_INPUT);
    expect(error.message).toBe('dropship rejected the input: quantity must be a whole number of at least 0');
    expect(error.message).not.toContain('127.0.0.1');
    await client.close();
  });

  it('is counted apart from refused credentials in stockgraph_upstream_requests_total', async () => {
    const client = wooClient('cs_wrong_secret_0000');
    const error = await failure(client.get(ctx, '/products', { per_page: 5 }, 'products'));
    expect(error.code).toBe('VENDOR_REJECTED');
    expect(error.errorClass).toBe(UpstreamErrorClass.AUTHENTICATION);
    expect(error.message).not.toContain('cs_wrong_secret_0000');
    await client.close();
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/stockgraph_upstream_requests_total\{vendor="acme-woo",operation="products",error_class="invalid_input"\} 1/);
    expect(text).toMatch(/stockgraph_upstream_requests_total\{vendor="acme-woo",operation="products",error_class="authentication"\} 1/);
    expect(text).toMatch(/stockgraph_upstream_requests_total\{vendor="dropship",operation="writeStock",error_class="invalid_input"\} 1/);
  });
});
