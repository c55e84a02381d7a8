import type { GatewayConfig } from '../config/config-schema.ts';
import { validateConfig } from '../config/load-config.ts';
import type { PurchaseOrderHistory } from '../demand/purchase-order-history.ts';
import type { FaultSettings } from './fault-injection.ts';
import { DemoPurchaseOrders } from './purchase-orders.ts';
import type { SimulatorServer } from './simulator-server.ts';
import { demoCustomVendorConfig, startCustomSimulator } from './custom/custom-simulator.ts';
import { startMagentoSimulator } from './magento/magento-simulator.ts';
import { startShopifySimulator } from './shopify/shopify-simulator.ts';
import { startWooCommerceSimulator } from './woocommerce/woocommerce-simulator.ts';
import { startLiveStock } from './demo-live-stock.ts';
import { sellOneMagentoUnit } from './magento/magento-sim-sales.ts';

export interface DemoSandbox {
  readonly config: GatewayConfig;
  /** Base URL of each simulator by vendor id (its /__sandbox/faults route switches faults on). */
  readonly simulators: Readonly<Record<string, string>>;
  /** Each simulator's server by vendor id: request logs to count, faults to switch (tests, bench). */
  readonly servers: Readonly<Record<string, SimulatorServer>>;
  /** The demo vendors' purchase-order history, for the gateway's demand planning (StartOptions.purchaseOrders). */
  readonly purchaseOrders: PurchaseOrderHistory;
  /**
   * Makes the demo's stock move: registers the gateway's webhooks at the Shopify and WooCommerce
   * simulators through `register` (the gateway's own registerWebhooks path), points Dropship Co's
   * signed deliveries at the gateway, then lets each store
   * sell a unit now and then (seeded). Stopped by `close`.
   */
  goLive(gatewayUrl: string, register: (vendorId: string, baseUrl: string) => Promise<unknown>, options?: { readonly everyMs?: number }): Promise<void>;
  close(): Promise<void>;
}

const DEMO_DROPSHIP_WEBHOOK_SECRET = 'demo-dropship-webhook-secret';

export interface DemoSandboxOptions {
  /** Faults every simulator starts with (demo mode reads DEMO_FAULTS as JSON). */
  readonly faults?: FaultSettings;
  /** The Shopify shop's cost bucket; default Plus-sized (10,000 points, restoring 1,000/s). */
  readonly shopifyBucket?: { readonly maximumAvailable: number; readonly restoreRate: number };
}

/** Suppliers covering every demo catalog's SKU pattern (SG- shared; SHP-, WC-, MG-, DS- per vendor). */
export const DEMO_SUPPLIERS = [
  { id: 'northwind-supply', name: 'Northwind Supply', leadTimeDays: 5, leadTimeStdDays: 1, skus: ['SG-*'] },
  { id: 'harbor-wholesale', name: 'Harbor Wholesale', leadTimeDays: 10, leadTimeStdDays: 2, skus: ['SHP-*', 'WC-*'] },
  { id: 'summit-trading', name: 'Summit Trading', leadTimeDays: 14, leadTimeStdDays: 3, skus: ['MG-*', 'DS-*'] },
] as const;

/**
 * Demo mode: every vendor simulator on a free loopback port, seeded and deterministic, and a
 * development configuration pointing the gateway at them. The catalogs share SKUs (SG-1000..).
 */
export async function startDemoSandbox(env: NodeJS.ProcessEnv, options: DemoSandboxOptions = {}): Promise<DemoSandbox> {
  const faults = options.faults ?? (env.DEMO_FAULTS ? (JSON.parse(env.DEMO_FAULTS) as FaultSettings) : {});
  const closers: Array<() => Promise<void>> = [];
  try {
    // A Plus-sized cost bucket (restore 1,000 points/s), so a demo catalog page is never throttled.
    const shopify = await startShopifySimulator({ faults, bucket: options.shopifyBucket ?? { maximumAvailable: 10_000, restoreRate: 1_000 } });
    closers.push(shopify.close);
    const woo = await startWooCommerceSimulator({ faults });
    closers.push(woo.close);
    const magento = await startMagentoSimulator({ faults });
    closers.push(magento.close);
    const dropship = await startCustomSimulator({ faults });
    closers.push(dropship.close);
    // The custom vendor's key goes through a ${ENV_VAR} reference, as a real deployment's would;
    // FEATURE_FLAGS_FILE overrides the flags as it does outside demo mode.
    const demoEnv = { DEMO_DROPSHIP_API_KEY: dropship.apiKey, DEMO_SHOPIFY_WEBHOOK_SECRET: shopify.webhookSecret, DEMO_WOO_WEBHOOK_SECRET: 'demo-woo-webhook-secret', DEMO_DROPSHIP_WEBHOOK_SECRET: DEMO_DROPSHIP_WEBHOOK_SECRET, ...(env.FEATURE_FLAGS_FILE ? { FEATURE_FLAGS_FILE: env.FEATURE_FLAGS_FILE } : {}) };
    const document = {
      environment: 'development',
      vendors: [
        {
          id: 'demo-shopify',
          name: 'Demo Shopify Store',
          platform: 'shopify',
          shopDomain: shopify.shopDomain,
          accessToken: shopify.accessToken,
          endpoint: shopify.url,
          webhookSecret: '${DEMO_SHOPIFY_WEBHOOK_SECRET}',
        },
        {
          id: 'demo-woo',
          name: 'Demo WooCommerce Store',
          platform: 'woocommerce',
          baseUrl: woo.url,
          consumerKey: woo.consumerKey,
          consumerSecret: woo.consumerSecret,
          webhookSecret: '${DEMO_WOO_WEBHOOK_SECRET}',
        },
        {
          id: 'demo-magento',
          name: 'Demo Magento Store',
          platform: 'magento',
          baseUrl: magento.url,
          accessToken: magento.integrationToken,
          storeCode: 'default',
          pollEverySeconds: 5,
        },
        demoCustomVendorConfig(dropship.url, 'DEMO_DROPSHIP_API_KEY', 'DEMO_DROPSHIP_WEBHOOK_SECRET'),
      ],
      store: { sqlitePath: env.STOCKGRAPH_DEMO_DB ?? '.stockgraph/demo-state.db' },
      // Who the demo SKUs are bought from (purchasing.webhookUrl unset: orders are only stored).
      suppliers: DEMO_SUPPLIERS,
    };
    const config = validateConfig(document, demoEnv, 'demo mode (embedded simulators)', true);
    let stopSelling: (() => void) | null = null;
    return {
      config,
      simulators: { 'demo-shopify': shopify.url, 'demo-woo': woo.url, 'demo-magento': magento.url, dropship: dropship.url },
      servers: { 'demo-shopify': shopify.server, 'demo-woo': woo.server, 'demo-magento': magento.server, dropship: dropship.server },
      purchaseOrders: new DemoPurchaseOrders(),
      goLive: async (gatewayUrl, register, options = {}) => {
        await register('demo-shopify', gatewayUrl);
        await register('demo-woo', gatewayUrl);
        // Dropship Co has no registration API: its deliveries are pointed at the gateway directly.
        dropship.handler.webhooks.sendTo(`${gatewayUrl.replace(/\/+$/, '')}/webhooks/dropship`, DEMO_DROPSHIP_WEBHOOK_SECRET);
        stopSelling = startLiveStock(
          [
            { vendorId: 'demo-shopify', sellOne: (pick) => shopify.sellOne(pick) },
            { vendorId: 'demo-woo', sellOne: (pick) => woo.sellOne(pick) },
            { vendorId: 'dropship', sellOne: (pick) => dropship.sellOne(pick) },
            { vendorId: 'demo-magento', sellOne: (pick) => sellOneMagentoUnit(magento.catalog, pick, Date.now()) },
          ],
          options,
        );
      },
      close: async () => {
        stopSelling?.();
        await Promise.all(closers.map((close) => close()));
      },
    };
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    throw error;
  }
}
