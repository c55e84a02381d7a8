import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDemoSkus } from '../demo-catalog.ts';
import { buildWooCatalog } from './woocommerce-sim-catalog.ts';
import { startWooCommerceSimulator, type WooCommerceSimulator } from './woocommerce-simulator.ts';

const docsError = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/woocommerce/${name}`, import.meta.url), 'utf8'));

describe('WooCommerce simulator', () => {
  let sim: WooCommerceSimulator;
  let basic: string;
  const api = (path: string) => `${sim.url}/wp-json/wc/v3${path}`;
  const get = (path: string, headers: Record<string, string> = { authorization: basic }) => fetch(api(path), { headers });
  const post = (path: string, body: unknown, authorization = basic) =>
    fetch(api(path), { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startWooCommerceSimulator();
    basic = `Basic ${Buffer.from(`${sim.consumerKey}:${sim.consumerSecret}`).toString('base64')}`;
  });
  afterAll(() => sim.close());

  describe('authentication', () => {
    it('answers a request without credentials with the route permission error', async () => {
      const list = await get('/products', {});
      expect(list.status).toBe(401);
      expect(await list.json()).toEqual({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
      const batch = await post('/products/batch', { update: [] }, '');
      expect(await batch.json()).toMatchObject({ code: 'woocommerce_rest_cannot_batch', data: { status: 401 } });
    });

    it('rejects an unknown key and a wrong secret with woocommerce_rest_authentication_error', async () => {
      const badKey = await get('/products', { authorization: `Basic ${Buffer.from('ck_nope:cs_nope').toString('base64')}` });
      expect(badKey.status).toBe(401);
      expect(await badKey.json()).toEqual({ code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.', data: { status: 401 } });
      const badSecret = await get(`/products?consumer_key=${sim.consumerKey}&consumer_secret=cs_wrong`, {});
      expect(await badSecret.json()).toMatchObject({ code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.' });
    });

    it('accepts the keys as query parameters, and refuses writes with a read-only key', async () => {
      const viaQuery = await get(`/products?consumer_key=${sim.consumerKey}&consumer_secret=${sim.consumerSecret}`, {});
      expect(viaQuery.status).toBe(200);
      const { consumerKey, consumerSecret } = sim.readOnlyCredentials;
      const readOnly = await post('/products/batch', { update: [] }, `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`);
      expect(readOnly.status).toBe(401);
      expect(await readOnly.json()).toMatchObject({ message: 'The API key provided does not have write permissions.' });
    });

    it('answers an unknown route with the documented rest_no_route body', async () => {
      const response = await get('/no-such-thing');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(docsError('error.rest_no_route.json'));
    });
  });

  describe('paging', () => {
    it('defaults to 10 per page and sends X-WP-Total, X-WP-TotalPages and Link', async () => {
      const response = await get('/products?orderby=id&order=asc&page=2');
      const body = (await response.json()) as Array<{ id: number }>;
      const total = Number(response.headers.get('x-wp-total'));
      expect(body).toHaveLength(10);
      expect(total).toBeGreaterThan(200);
      expect(Number(response.headers.get('x-wp-totalpages'))).toBe(Math.ceil(total / 10));
      const link = response.headers.get('link') ?? '';
      expect(link).toContain('page=1>; rel="prev"');
      expect(link).toContain('page=3>; rel="next"');
      expect(link).toContain('rel="first"');
      expect(link).toContain(`page=${String(Math.ceil(total / 10))}>; rel="last"`);
    });

    it('rejects per_page above 100 with rest_invalid_param', async () => {
      const response = await get('/products?per_page=101');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): per_page',
        data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } },
      });
    });

    it('rejects an unknown status', async () => {
      const response = await get('/products?status=archived');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'rest_invalid_param', message: 'Invalid parameter(s): status' });
    });
  });

  describe('filters', () => {
    it('matches a comma-separated sku list across products and variations', async () => {
      const skus = sharedDemoSkus().slice(0, 12);
      const response = await get(`/products?per_page=100&sku=${skus.join(',')}`);
      const body = (await response.json()) as Array<{ sku: string; type: string; parent_id: number }>;
      expect(body.map((item) => item.sku).sort()).toEqual([...skus].sort());
      expect(body.some((item) => item.type === 'variation' && item.parent_id > 0)).toBe(true);
    });

    it('returns only the included ids, and trims fields with _fields', async () => {
      const response = await get('/products?include=10,11,12&_fields=id,name');
      const body = (await response.json()) as Array<Record<string, unknown>>;
      expect(body.map((item) => item.id).sort()).toEqual([10, 11, 12].filter((id) => sim.catalog.products.has(id)));
      expect(Object.keys(body[0] ?? {})).toEqual(['id', 'name']);
    });
  });

  describe('batch', () => {
    it('rejects more than 100 objects with woocommerce_rest_request_entity_too_large (413)', async () => {
      const update = Array.from({ length: 101 }, (_, index) => ({ id: 10 + index, stock_quantity: 1 }));
      const response = await post('/products/batch', { update });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        code: 'woocommerce_rest_request_entity_too_large',
        message: 'Unable to accept more than 100 items for this request.',
        data: { status: 413 },
      });
    });

    it('updates stock and reports an unknown id as a per-item error', async () => {
      const product = [...sim.catalog.products.values()].find((item) => item.type === 'simple' && item.manageStock);
      const response = await post('/products/batch', { update: [{ id: product?.id, stock_quantity: 42 }, { id: 999999, stock_quantity: 1 }] });
      const body = (await response.json()) as { update: Array<Record<string, unknown>> };
      expect(body.update[0]).toMatchObject({ id: product?.id, stock_quantity: 42, manage_stock: true });
      expect(body.update[1]).toEqual({ id: 999999, error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 400 } } });
    });
  });

  describe('demo catalog', () => {
    it('is deterministic and carries every shared demo SKU', () => {
      const catalog = buildWooCatalog();
      const again = buildWooCatalog();
      expect(JSON.stringify([...again.products.values()])).toBe(JSON.stringify([...catalog.products.values()]));
      const skus = new Set([...catalog.products.values(), ...catalog.variations.values()].map((item) => item.sku));
      for (const sku of sharedDemoSkus()) expect(skus.has(sku)).toBe(true);
    });

    it('has the awkward cases a real shop has', () => {
      const catalog = buildWooCatalog();
      const products = [...catalog.products.values()];
      const items = [...products, ...catalog.variations.values()];
      expect(products.length).toBeGreaterThanOrEqual(200);
      expect(products.some((item) => item.type === 'variable')).toBe(true);
      expect(products.some((item) => item.status === 'draft')).toBe(true);
      expect(items.some((item) => !item.manageStock && !('type' in item && item.type !== 'simple'))).toBe(true);
      expect(items.some((item) => item.sku === '' && !('type' in item && item.type !== 'simple'))).toBe(true);
      expect(products.some((item) => /[^\u0020-\u007e]/.test(item.name))).toBe(true);
      expect(items.some((item) => /\.\d{3,}$/.test(item.regularPrice))).toBe(true);
    });
  });
});
