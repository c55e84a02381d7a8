import pino from 'pino';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { startShopifySimulator, type ShopifySimulator, type ShopifySimulatorOptions } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import type { ShopifyClientHooks } from '../../../src/vendors/shopify/shopify-client.ts';
import type { ShopifyVendorConfig } from '../../../src/config/vendors/shopify-config.ts';
import { createShopifySource, type ShopifySource } from '../../../src/vendors/shopify/shopify-source.ts';

export interface ShopifyKit {
  readonly sim: ShopifySimulator;
  readonly source: ShopifySource;
  readonly config: ShopifyVendorConfig;
  /** Upstream requests logged by the simulator, optionally of one operation. */
  requests(operation?: string): number;
  close(): Promise<void>;
}

export async function startShopifyKit(options: ShopifySimulatorOptions = {}, hooks: ShopifyClientHooks = {}): Promise<ShopifyKit> {
  const sim = await startShopifySimulator(options);
  const config: ShopifyVendorConfig = {
    platform: 'shopify',
    id: 'acme-shopify',
    name: 'ACME Shopify',
    shopDomain: sim.shopDomain,
    accessToken: sim.accessToken,
    apiVersion: sim.apiVersion,
    endpoint: sim.url,
  };
  const source = createShopifySource(config, { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }) }, hooks);
  return {
    sim,
    source,
    config,
    requests: (operation) => sim.server.count((entry) => operation === undefined || entry.operation === operation),
    async close() {
      await source.close();
      await sim.close();
    },
  };
}
