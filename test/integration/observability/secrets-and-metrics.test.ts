import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../support/graphql-client.ts';
import { memoryLogger } from '../../support/memory-log.ts';
import { startDemoGateway, type DemoGateway } from '../../support/start-demo-gateway.ts';

let demo: DemoGateway;
const log = memoryLogger('debug');
const seen: string[] = [];

/** Every credential the demo configuration holds. */
function secrets(): string[] {
  return demo.sandbox.config.vendors.flatMap((vendor) => {
    switch (vendor.platform) {
      case 'shopify':
        return [vendor.accessToken ?? '', vendor.clientSecret ?? '', vendor.refreshToken ?? ''].filter(Boolean);
      case 'woocommerce':
        return [vendor.consumerKey, vendor.consumerSecret];
      case 'magento':
        return [vendor.accessToken ?? '', vendor.password ?? ''].filter(Boolean);
      case 'custom':
        return [JSON.stringify(vendor.auth).match(/"value":"([^"]+)"/)?.[1] ?? ''].filter(Boolean);
    }
  });
}

async function record(url: string, init?: RequestInit): Promise<string> {
  const response = await fetch(url, init);
  const text = await response.text();
  seen.push(text);
  return text;
}

const QUERY = '{ vendors { id health { status circuit lastError } } productsBySku(skus: ["SG-1000", "SG-1001"]) { id vendorId sku inventoryLevels { available } } products(first: 30) { nodes { id } } }';

// A fresh gateway per scenario: the first one leaves circuits open on purpose.
beforeEach(async () => {
  demo = await startDemoGateway({}, { STOCKGRAPH_DEMO_DB: ':memory:' }, log.logger);
});

afterEach(async () => {
  await demo?.close();
});

describe('secrets and metrics across fault scenarios', () => {
  it('never put a configured credential in logs, errors, responses, /metrics, /ready or /status', async () => {
    expect(secrets().length).toBeGreaterThanOrEqual(5);
    const scenarios = [{ errorRate: 1 }, { resetRate: 1 }, { malformedRate: 1 }, { throttleRate: 1 }, {}];
    for (const faults of scenarios) {
      for (const server of Object.values(demo.sandbox.servers)) server.setFaults({ ...faults, seed: 3 });
      for (let round = 0; round < 3; round += 1) {
        const response = await postGraphQL(demo.url, QUERY, {}, { 'x-request-id': `secret-check-${round}` });
        seen.push(JSON.stringify(response));
      }
    }
    // A caller presenting a credential gets its own echo nowhere either.
    seen.push(JSON.stringify(await postGraphQL(demo.url, '{ vendors { id } }', {}, { authorization: 'Bearer sgk_not_a_real_key_123' })));
    await record(`${demo.url}/metrics`);
    await record(`${demo.url}/ready`);
    await record(`${demo.url}/status`);
    await record(`${demo.url}/health`);
    const everything = [...seen, ...log.lines].join('\n');
    expect(log.lines.length).toBeGreaterThan(10);
    expect(everything).toContain('VENDOR_'); // the failures did happen and were reported
    for (const secret of secrets()) expect(everything, 'a credential leaked').not.toContain(secret);
    expect(everything).not.toContain('sgk_not_a_real_key_123');
  });

  it('count operations, outcomes, upstream calls by error class and flag evaluations in /metrics', async () => {
    demo.sandbox.servers['demo-woo']!.setFaults({ errorRate: 1, seed: 1 });
    for (let index = 0; index < 3; index += 1) await postGraphQL(demo.url, '{ productsBySku(skus: ["SG-1010"]) { id } }');
    await postGraphQL(demo.url, '{ vendors { id } }');
    await postGraphQL(demo.url, '{ nope }');
    demo.sandbox.servers['demo-woo']!.setFaults({});
    const metrics = await record(`${demo.url}/metrics`);
    const value = (pattern: RegExp): number => {
      const line = metrics.split('\n').find((text) => pattern.test(text));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    expect(value(/^stockgraph_graphql_operations_total\{operation="query:productsBySku",outcome="partial"\}/)).toBeGreaterThanOrEqual(3);
    expect(value(/^stockgraph_graphql_operations_total\{operation="query:vendors",outcome="success"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^stockgraph_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\}/)).toBe(1);
    expect(value(/^stockgraph_upstream_requests_total\{vendor="demo-woo",operation="productsBySku",error_class="server"\}/)).toBeGreaterThanOrEqual(3);
    expect(value(/^stockgraph_upstream_requests_total\{vendor="demo-shopify",.*error_class="none"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^stockgraph_upstream_retries_total\{vendor="demo-woo"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^stockgraph_flag_evaluations_total\{flag="shopify_integration_enabled",value="on"\}/)).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/stockgraph_vendor_circuit_state\{vendor="demo-woo",state="closed"\} [01]/);
    expect(metrics).toContain('stockgraph_process_resident_memory_bytes');
  });
});
