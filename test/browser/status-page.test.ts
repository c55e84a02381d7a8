import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client.ts';
import { ARTIFACT_DIR, launchChromium } from '../support/headless-browser.ts';
import { startDemoGateway, type DemoGateway } from '../support/start-demo-gateway.ts';

let demo: DemoGateway;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoGateway();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('the status page at /status', () => {
  it('renders every vendor and shows one going DOWN when its simulator fails', async () => {
    const page = await browser.newPage();
    await postGraphQL(demo.url, '{ productsBySku(skus: ["SG-1000"]) { id } }');
    await page.goto(`${demo.url}/status`);
    expect(await page.getAttribute('meta[http-equiv="refresh"]', 'content')).toBe('5');
    for (const vendorId of ['demo-shopify', 'demo-woo', 'demo-magento', 'dropship']) {
      await page.locator(`tr[data-vendor="${vendorId}"]`).waitFor();
    }
    expect(await page.textContent('tr[data-vendor="demo-woo"] .badge')).toBe('UP');

    demo.sandbox.servers['demo-woo']!.setFaults({ resetRate: 1 });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await postGraphQL<{ vendor: { health: { circuit: string } } }>(
        demo.url,
        '{ vendor(id: "demo-woo") { health { circuit } } productsBySku(skus: ["SG-1001"]) { id } }',
      );
      if (response.data?.vendor.health.circuit === 'OPEN') break;
    }
    await page.reload();
    expect(await page.textContent('tr[data-vendor="demo-woo"] .badge')).toBe('DOWN');
    expect(await page.textContent('tr[data-vendor="demo-woo"]')).toContain('OPEN');
    expect(await page.textContent('tr[data-vendor="demo-shopify"] .badge')).not.toBe('DOWN');
    expect(await page.textContent('body')).toContain('demand_forecasting_enabled');
    await page.screenshot({ path: `${ARTIFACT_DIR}/status-page.png`, fullPage: true });
    await page.close();
  });
});
