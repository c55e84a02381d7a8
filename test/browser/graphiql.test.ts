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

  it('answers GraphQL GET requests (not the page) when a query is given', async () => {
    const response = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ vendors { id } }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await response.json()).toEqual({ data: { vendors: [{ id: 'demo-vendor' }] } });
  });
});
