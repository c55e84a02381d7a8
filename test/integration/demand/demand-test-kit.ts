import pino from 'pino';
import { DemandHistoryService } from '../../../src/demand/demand-history.ts';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import type { DemoOrderBook } from '../../../src/sandbox/demo-order-book.ts';
import { demoCustomVendorConfig, startCustomSimulator } from '../../../src/sandbox/custom/custom-simulator.ts';
import { startMagentoSimulator } from '../../../src/sandbox/magento/magento-simulator.ts';
import { startShopifySimulator } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import type { SimulatorServer } from '../../../src/sandbox/simulator-server.ts';
import { startWooCommerceSimulator } from '../../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import { SqliteStateStore } from '../../../src/store/sqlite-state-store.ts';
import { createCustomSource } from '../../../src/vendors/custom/custom-source.ts';
import { customVendorConfigSchema } from '../../../src/config/vendors/custom/custom-config.ts';
import { magentoVendorConfigSchema } from '../../../src/config/vendors/magento-config.ts';
import { createMagentoSource } from '../../../src/vendors/magento/magento-source.ts';
import { shopifyVendorConfigSchema } from '../../../src/config/vendors/shopify-config.ts';
import { createShopifySource } from '../../../src/vendors/shopify/shopify-source.ts';
import { createWooCommerceSource } from '../../../src/vendors/woocommerce/woocommerce-source.ts';
import { wooCommerceVendorConfigSchema } from '../../../src/config/vendors/woocommerce-config.ts';
import { VendorRegistry } from '../../../src/vendors/vendor-registry.ts';
import type { VendorSource } from '../../../src/vendors/vendor-source.ts';

/** A movable clock shared by a simulator (its order history grows) and the history service. */
export class TestClock {
  constructor(public ms: number) {}
  readonly now = (): number => this.ms;
  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
}

export interface OrdersKit {
  readonly platform: string;
  readonly source: VendorSource;
  readonly server: SimulatorServer;
  readonly book: DemoOrderBook<unknown>;
  /** The operation label of an orders request in the simulator's log. */
  readonly operation: string;
  /** Orders per page the client asks for, and whether the vendor filters cancelled orders server-side. */
  readonly pageSize: number;
  readonly cancelledFilteredUpstream: boolean;
  readonly history: DemandHistoryService;
  close(): Promise<void>;
}

const logger = pino({ level: 'silent' });
const deps = { policy: deadlineOnlyPolicy, logger };

export type Platform = 'shopify' | 'woocommerce' | 'magento' | 'custom';

export async function startOrdersKit(platform: Platform, clock: TestClock, historyDays: number): Promise<OrdersKit> {
  const made = await startPlatform(platform, clock);
  const store = new SqliteStateStore(':memory:');
  const history = new DemandHistoryService({ registry: new VendorRegistry([made.source]), store, logger, now: clock.now, historyDays: () => historyDays });
  return {
    platform,
    ...made,
    history,
    close: async () => {
      await made.source.close?.();
      await made.close();
      await store.close();
    },
  };
}

async function startPlatform(platform: Platform, clock: TestClock) {
  switch (platform) {
    case 'shopify': {
      const sim = await startShopifySimulator({ now: clock.now, bucket: { maximumAvailable: 1_000_000, restoreRate: 1_000_000 } });
      const config = shopifyVendorConfigSchema.parse({ id: 'shop', name: 'Shop', platform: 'shopify', shopDomain: sim.shopDomain, accessToken: sim.accessToken, endpoint: sim.url });
      return { source: createShopifySource(config, deps), server: sim.server, book: sim.orders as DemoOrderBook<unknown>, operation: 'OrderLinesPage', pageSize: 66, cancelledFilteredUpstream: false, close: sim.close };
    }
    case 'woocommerce': {
      const sim = await startWooCommerceSimulator({ now: clock.now });
      const config = wooCommerceVendorConfigSchema.parse({ id: 'woo', name: 'Woo', platform: 'woocommerce', baseUrl: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret });
      return { source: createWooCommerceSource(config, deps), server: sim.server, book: sim.orders as DemoOrderBook<unknown>, operation: 'GET /orders', pageSize: 100, cancelledFilteredUpstream: true, close: sim.close };
    }
    case 'magento': {
      const sim = await startMagentoSimulator({ now: clock.now, clock: clock.now });
      const config = magentoVendorConfigSchema.parse({ id: 'm2', name: 'M2', platform: 'magento', baseUrl: sim.url, accessToken: sim.integrationToken });
      return { source: createMagentoSource(config, deps), server: sim.server, book: sim.orders as DemoOrderBook<unknown>, operation: 'GET /V1/orders', pageSize: 300, cancelledFilteredUpstream: true, close: sim.close };
    }
    case 'custom': {
      const sim = await startCustomSimulator({ now: clock.now });
      const document = demoCustomVendorConfig(sim.url, 'UNUSED');
      const config = customVendorConfigSchema.parse({ ...document, auth: { type: 'header', name: 'X-Api-Key', value: sim.apiKey } });
      return { source: createCustomSource(config, deps), server: sim.server, book: sim.orders as DemoOrderBook<unknown>, operation: 'GET /orders', pageSize: 250, cancelledFilteredUpstream: false, close: sim.close };
    }
  }
}
