import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeVendorSource } from '../support/fake-vendor-source.ts';
import { ARTIFACT_DIR, launchChromium } from '../support/headless-browser.ts';
import { startGatewayWithSources, type TestGateway } from '../support/start-test-gateway.ts';

let gateway: TestGateway;
let browser: Browser;

beforeAll(async () => {
  gateway = await startGatewayWithSources([fakeVendorSource('demo-vendor', 5).source]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

describe('GraphiQL at /graphql', () => {
  it('renders and runs a query with every non-loopback request blocked', async () => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      outside.push(url.href);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    await page.goto(`${gateway.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    await page.click('.graphiql-execute-button');
    await page.locator('.graphiql-response', { hasText: '"sku"' }).waitFor({ timeout: 20_000 });
    const response = await page.textContent('.graphiql-response');
    expect(response).toContain('demo-vendor');
    await page.screenshot({ path: `${ARTIFACT_DIR}/graphiql.png` });
    expect(outside).toEqual([]);
    await context.close();
  });

  it('runs the inventoryChanged subscription over WebSocket and shows events as they come', async () => {
    const page = await browser.newPage();
    await page.goto(`${gateway.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    // Runs in the page (CodeMirror 5 keeps its editor object on the element).
    await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('subscription { inventoryChanged { vendorId sku after source } }')`);
    // GraphiQL takes the editor's text into its state on a debounce; run only once it has.
    await page.waitForTimeout(500);
    await page.click('.graphiql-execute-button');
    const bus = gateway.services.realtime.bus as unknown as { listenerCount: number };
    await expect.poll(() => bus.listenerCount, { timeout: 20_000 }).toBe(2);
    await gateway.services.realtime.bus.publish([
      { eventId: 'browser-1', vendorId: 'demo-vendor', productId: 'P', sku: 'SG-7', locationId: 'L', before: 3, after: 2, source: 'WEBHOOK', occurredAt: new Date().toISOString() },
    ]);
    await page.locator('.graphiql-response', { hasText: 'SG-7' }).waitFor({ timeout: 20_000 });
    expect(await page.textContent('.graphiql-response')).toContain('WEBHOOK');
    await page.close();
  });

  it('answers GraphQL GET requests (not the page) when a query is given', async () => {
    const response = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ vendors { id } }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await response.json()).toEqual({ data: { vendors: [{ id: 'demo-vendor' }] } });
  });
});
