import { afterEach, describe, expect, it } from 'vitest';
import { buildDropshipCatalog } from '../../../src/sandbox/custom/custom-sim-catalog.ts';
import { startCustomSimulator, type CustomSimulator } from '../../../src/sandbox/custom/custom-simulator.ts';
import { sharedDemoSkus } from '../../../src/sandbox/demo-catalog.ts';

let sim: CustomSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim?.baseUrl}${path}`, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

describe('Dropship Co simulator', () => {
  it('has a deterministic catalog carrying every shared demo SKU, some items without SKU, unicode names', () => {
    const catalog = buildDropshipCatalog();
    expect(buildDropshipCatalog()).toEqual(catalog);
    expect(catalog).toHaveLength(150);
    const skus = new Set(catalog.map((item) => item.sku));
    expect(sharedDemoSkus().every((sku) => skus.has(sku))).toBe(true);
    expect(catalog.filter((item) => item.sku === null).length).toBeGreaterThan(0);
    expect(catalog.some((item) => /[^ -~]/.test(item.title))).toBe(true);
    expect(catalog.every((item) => /^\d+\.\d{2}$/.test(item.pricing.amount))).toBe(true);
  });

  it('answers a missing key with 401 and its error body', async () => {
    sim = await startCustomSimulator();
    expect(await get('/products')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', message: 'Missing or invalid X-Api-Key header' } } });
    expect((await get('/products', { 'x-api-key': sim.apiKey })).status).toBe(200);
    expect((await get(`/products?api_key=${sim.apiKey}`)).status).toBe(200);
  });

  it('refuses more than 50 keys per batch', async () => {
    sim = await startCustomSimulator();
    const ids = Array.from({ length: 51 }, (_, i) => `DS-${10001 + i}`).join(',');
    expect(await get(`/products/batch?ids=${ids}`, { 'x-api-key': sim.apiKey })).toMatchObject({ status: 400, body: { error: { code: 'too_many_keys' } } });
  });

  it('injects 429 with Retry-After and 500 with its error body', async () => {
    sim = await startCustomSimulator({ faults: { throttleRate: 1 } });
    const throttled = await get('/products', { 'x-api-key': sim.apiKey });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    sim.server.setFaults({ errorRate: 1 });
    expect(await get('/products', { 'x-api-key': sim.apiKey })).toMatchObject({ status: 500, body: { error: { code: 'internal' } } });
    expect(sim.server.requestLog.map((entry) => entry.operation)).toEqual(['GET /products', 'GET /products']);
  });
});
