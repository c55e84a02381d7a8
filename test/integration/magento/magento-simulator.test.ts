import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDemoSkus } from '../../../src/sandbox/demo-catalog.ts';
import { startMagentoSimulator, type MagentoSimulator } from '../../../src/sandbox/magento/magento-simulator.ts';

/** The simulator is a specification of the real API's strictness: these are the rules the gateway must live with. */
describe('Magento simulator', () => {
  let sim: MagentoSimulator;
  let now = Date.UTC(2026, 0, 1);
  const get = (path: string, token: string | null = sim.integrationToken) =>
    fetch(`${sim.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const send = (method: string, path: string, body: unknown, token: string | null = sim.integrationToken) =>
    fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startMagentoSimulator({ seed: 7, clock: () => now });
  });
  afterAll(() => sim.close());

  describe('auth', () => {
    it('answers 401 with the real {message, parameters} body for a missing or unknown token', async () => {
      for (const token of [null, 'not-a-token']) {
        const response = await get('/rest/default/V1/products?searchCriteria[pageSize]=1', token);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ message: "The consumer isn't authorized to access %resources.", parameters: { resources: 'Magento_Catalog::products' } });
      }
    });

    it('issues admin tokens as a bare JSON string that expire after 4 hours on the injected clock', async () => {
      const response = await send('POST', '/rest/V1/integration/admin/token', { username: sim.adminUsername, password: sim.adminPassword }, null);
      expect(response.status).toBe(200);
      const token = (await response.json()) as unknown;
      expect(typeof token).toBe('string');
      expect((await get('/rest/V1/products/SG-1000', token as string)).status).toBe(200);
      now += 4 * 3600_000 - 1;
      expect((await get('/rest/V1/products/SG-1000', token as string)).status).toBe(200);
      now += 1;
      expect((await get('/rest/V1/products/SG-1000', token as string)).status).toBe(401);
      expect((await get('/rest/V1/products/SG-1000')).status).toBe(200); // integration tokens do not expire
    });

    it('refuses wrong admin credentials with 401 and missing ones with 400', async () => {
      const wrong = await send('POST', '/rest/V1/integration/admin/token', { username: sim.adminUsername, password: 'nope' }, null);
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as { message: string }).message).toMatch(/sign-in was incorrect/);
      const missing = await send('POST', '/rest/V1/integration/admin/token', { username: sim.adminUsername }, null);
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: 'password' } });
    });

    it('matches the route before checking the token: unknown routes and store codes are 404', async () => {
      for (const path of ['/rest/default/V1/nope', '/rest/nostore/V1/products?searchCriteria=', '/rest/V2/products']) {
        const response = await get(path, null);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ message: 'Request does not match any route.' });
      }
    });
  });

  describe('product search', () => {
    it('requires searchCriteria', async () => {
      const response = await get('/rest/default/V1/products');
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: 'searchCriteria' } });
    });

    it('applies the default page size of 20 and refuses pages over 300 when input limits are on', async () => {
      const page = (await (await get('/rest/default/V1/products?searchCriteria=')).json()) as { items: unknown[]; total_count: number; search_criteria: { page_size: number } };
      expect(page.items).toHaveLength(20);
      expect(page.search_criteria.page_size).toBe(20);
      expect(page.total_count).toBe(sim.catalog.products.length);
      const tooBig = await get('/rest/default/V1/products?searchCriteria[pageSize]=301');
      expect(tooBig.status).toBe(400);
      expect(await tooBig.json()).toEqual({ message: 'Maximum SearchCriteria pageSize is %max', parameters: { max: 300 } });
    });

    it('ANDs filter groups, ORs filters in a group, accepts camelCase keys, sorts and pages with total_count', async () => {
      const q = new URLSearchParams({
        'searchCriteria[filter_groups][0][filters][0][field]': 'type_id',
        'searchCriteria[filter_groups][0][filters][0][value]': 'simple,virtual',
        'searchCriteria[filter_groups][0][filters][0][condition_type]': 'in',
        'searchCriteria[filterGroups][1][filters][0][field]': 'sku',
        'searchCriteria[filterGroups][1][filters][0][value]': 'sg-100%',
        'searchCriteria[filterGroups][1][filters][0][conditionType]': 'like',
        'searchCriteria[filter_groups][1][filters][1][field]': 'sku',
        'searchCriteria[filter_groups][1][filters][1][value]': 'SG-1059',
        'searchCriteria[sortOrders][0][field]': 'sku',
        'searchCriteria[sortOrders][0][direction]': 'DESC',
        'searchCriteria[pageSize]': '4',
        'searchCriteria[currentPage]': '3',
      });
      const body = (await (await get(`/rest/default/V1/products?${q}`)).json()) as { items: Array<{ sku: string }>; total_count: number };
      expect(body.total_count).toBe(11); // SG-1000..SG-1009 plus SG-1059
      expect(body.items.map((i) => i.sku)).toEqual(['SG-1002', 'SG-1001', 'SG-1000']); // page 3 of [1059,1009..1007], [1006..1003], [1002..1000]
    });

    it('answers no items for a page past the end (Magento 2.4.x), with the unpaged total_count', async () => {
      const body = (await (await get('/rest/default/V1/products?searchCriteria[pageSize]=300&searchCriteria[currentPage]=99')).json()) as { items: unknown[]; total_count: number };
      expect(body.items).toEqual([]);
      expect(body.total_count).toBe(sim.catalog.products.length);
    });

    it('returns products in Magento shape: number prices, status 1|2, UTC timestamps, stock_item, configurable links', async () => {
      const body = (await (await get('/rest/all/V1/products?searchCriteria[pageSize]=300&searchCriteria[currentPage]=2')).json()) as { items: Array<Record<string, unknown>> };
      const parent = body.items.find((p) => p.type_id === 'configurable');
      expect(parent).toBeDefined();
      expect((parent?.extension_attributes as { configurable_product_links: number[] }).configurable_product_links).toHaveLength(4);
      const simple = (await (await get('/rest/V1/products/SG-1000')).json()) as Record<string, unknown>;
      expect(typeof simple.price).toBe('number');
      expect([1, 2]).toContain(simple.status);
      expect(simple.updated_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(simple.extension_attributes).toHaveProperty('stock_item.qty');
    });

    it('answers the real 404 for an unknown SKU', async () => {
      const response = await get('/rest/default/V1/products/NOPE-1');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: "The product that was requested doesn't exist. Verify the product and try again." });
    });

    it('carries every shared demo SKU, disabled products and unicode names', () => {
      const skus = new Set(sim.catalog.products.map((p) => p.sku));
      expect(sharedDemoSkus().every((sku) => skus.has(sku))).toBe(true);
      expect(sim.catalog.products.some((p) => p.status === 2)).toBe(true);
      expect(sim.catalog.products.some((p) => /[^ -~]/.test(p.name))).toBe(true);
      expect(sim.catalog.products.filter((p) => p.typeId !== 'configurable').length).toBeGreaterThan(300);
    });
  });

  describe('MSI source items', () => {
    it('searches source items with `in` on sku across several sources', async () => {
      const q = 'searchCriteria[filter_groups][0][filters][0][field]=sku&searchCriteria[filter_groups][0][filters][0][value]=SG-1000,SG-1001&searchCriteria[filter_groups][0][filters][0][condition_type]=in&searchCriteria[pageSize]=300';
      const body = (await (await get(`/rest/default/V1/inventory/source-items?${q}`)).json()) as { items: Array<{ sku: string; source_code: string; quantity: number; status: number }>; total_count: number };
      expect(body.items.length).toBe(body.total_count);
      expect(new Set(body.items.map((i) => i.sku))).toEqual(new Set(['SG-1000', 'SG-1001']));
      expect(Object.keys(body.items[0] ?? {}).sort()).toEqual(['quantity', 'sku', 'source_code', 'status']);
    });

    it('saves source items all-or-nothing, answers [], and limits a synchronous list to 20 entities', async () => {
      const ok = await send('POST', '/rest/default/V1/inventory/source-items', { sourceItems: [{ sku: 'SG-1002', source_code: 'warehouse-east', quantity: 77, status: 1 }] });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual([]);
      expect(sim.catalog.sourceItem('SG-1002', 'warehouse-east')?.quantity).toBe(77);

      const invalid = await send('POST', '/rest/default/V1/inventory/source-items', {
        sourceItems: [
          { sku: 'SG-1002', source_code: 'warehouse-east', quantity: 1, status: 1 },
          { sku: 'SG-1002', source_code: 'mars', quantity: 1, status: 1 },
        ],
      });
      expect(invalid.status).toBe(400);
      expect(sim.catalog.sourceItem('SG-1002', 'warehouse-east')?.quantity).toBe(77);

      const many = Array.from({ length: 21 }, (_, i) => ({ sku: `SG-${1000 + i}`, source_code: 'default', quantity: 1, status: 1 }));
      const tooMany = await send('POST', '/rest/default/V1/inventory/source-items', { sourceItems: many });
      expect(tooMany.status).toBe(400);
      expect(await tooMany.json()).toEqual({ message: 'Maximum items of type "%type" is %max', parameters: { type: '\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface', max: 20 } });
    });

    it('lists sources', async () => {
      const body = (await (await get('/rest/default/V1/inventory/sources')).json()) as { items: Array<{ source_code: string }> };
      expect(body.items.map((s) => s.source_code)).toEqual(['default', 'warehouse-east', 'warehouse-west']);
    });
  });

  it('answers faults with Magento bodies and logs every request', async () => {
    sim.server.setFaults({ errorRate: 1 });
    const response = await get('/rest/default/V1/products/SG-1000');
    sim.server.setFaults({});
    expect(response.status).toBe(500);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Internal Error\. Details are available in Magento log file\. Report ID: webapi-[0-9a-f]{13}$/);
    expect(sim.server.count((e) => e.operation === 'GET /V1/products/{sku}')).toBeGreaterThan(0);
  });
});

describe('Magento simulator without MSI and without input limits', () => {
  let sim: MagentoSimulator;
  beforeAll(async () => {
    sim = await startMagentoSimulator({ msi: false, inputLimits: false });
  });
  afterAll(() => sim.close());
  const auth = () => ({ authorization: `Bearer ${sim.integrationToken}` });

  it('has no /V1/inventory routes and keeps stock in the legacy stock item', async () => {
    expect((await fetch(`${sim.url}/rest/default/V1/inventory/sources`, { headers: auth() })).status).toBe(404);
    const item = (await (await fetch(`${sim.url}/rest/default/V1/stockItems/SG-1000`, { headers: auth() })).json()) as { item_id: number; qty: number };
    const put = await fetch(`${sim.url}/rest/default/V1/products/SG-1000/stockItems/${item.item_id}`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ stockItem: { qty: 123, is_in_stock: true } }),
    });
    expect(await put.json()).toBe(item.item_id);
    expect(sim.catalog.findBySku('SG-1000')?.legacyQty).toBe(123);
  });

  it('returns every match when pageSize is omitted (the documented default without input limits)', async () => {
    const body = (await (await fetch(`${sim.url}/rest/default/V1/products?searchCriteria=`, { headers: auth() })).json()) as { items: unknown[]; total_count: number };
    expect(body.items.length).toBe(body.total_count);
    expect(body.total_count).toBe(sim.catalog.products.length);
  });
});
