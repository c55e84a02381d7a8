import pino from 'pino';
import type { CacheConfig } from '../../../src/config/cache-config.ts';
import { validateConfig } from '../../../src/config/load-config.ts';
import type { ResilienceConfig } from '../../../src/config/resilience-config.ts';
import { demoCustomVendorConfig, startCustomSimulator } from '../../../src/sandbox/custom/custom-simulator.ts';
import type { FaultSettings } from '../../../src/sandbox/fault-injection.ts';
import { startMagentoSimulator } from '../../../src/sandbox/magento/magento-simulator.ts';
import { startShopifySimulator, type ShopifySimulator } from '../../../src/sandbox/shopify/shopify-simulator.ts';
import type { SimulatorServer } from '../../../src/sandbox/simulator-server.ts';
import { startWooCommerceSimulator } from '../../../src/sandbox/woocommerce/woocommerce-simulator.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';

export const VENDOR = { SHOPIFY: 'demo-shopify', WOO: 'demo-woo', MAGENTO: 'demo-magento', DROPSHIP: 'dropship' } as const;
export type VendorId = (typeof VENDOR)[keyof typeof VENDOR];
export const ALL_VENDORS: readonly VendorId[] = Object.values(VENDOR);

/** Retries without real waiting: the policy's decisions are under test, not its delays. */
export const INSTANT_RETRIES = { backoff: 'fixed', initialDelayMs: 1, maxDelayMs: 1, jitter: false } as const;

export interface ResilienceGatewayOptions {
  /** Per-vendor `resilience` sections of the test config (platform defaults for the rest). */
  readonly resilience?: Partial<Record<VendorId, ResilienceConfig>>;
  /** Faults each simulator starts with. */
  readonly faults?: Partial<Record<VendorId, FaultSettings>>;
  /** The Shopify simulator's cost bucket (default: Plus-sized, as in demo mode). */
  readonly shopifyBucket?: { readonly maximumAvailable: number; readonly restoreRate: number };
  readonly requestTimeoutMs?: number;
  readonly cache?: Partial<CacheConfig>;
}

export interface ResilienceGateway {
  readonly url: string;
  readonly gateway: RunningGateway;
  /** Each simulator's server by vendor id: request logs and faults. */
  readonly servers: Readonly<Record<VendorId, SimulatorServer>>;
  /** Each simulator's origin by vendor id (POST /__sandbox/faults there). */
  readonly simulators: Readonly<Record<VendorId, string>>;
  readonly shopify: ShopifySimulator;
  close(): Promise<void>;
}

/**
 * The four demo simulators behind a gateway started from a config document, as a deployment
 * would be: the resilience, limits and cache sections under test go through config validation.
 */
export async function startResilienceGateway(options: ResilienceGatewayOptions = {}): Promise<ResilienceGateway> {
  const faults = options.faults ?? {};
  const shopify = await startShopifySimulator({
    faults: faults[VENDOR.SHOPIFY],
    bucket: options.shopifyBucket ?? { maximumAvailable: 10_000, restoreRate: 1_000 },
  });
  const woo = await startWooCommerceSimulator({ faults: faults[VENDOR.WOO] });
  const magento = await startMagentoSimulator({ faults: faults[VENDOR.MAGENTO] });
  const dropship = await startCustomSimulator({ faults: faults[VENDOR.DROPSHIP] });
  const resilience = (id: VendorId) => (options.resilience?.[id] ? { resilience: options.resilience[id] } : {});
  const document = {
    environment: 'development',
    vendors: [
      { id: VENDOR.SHOPIFY, name: 'Demo Shopify Store', platform: 'shopify', shopDomain: shopify.shopDomain, accessToken: shopify.accessToken, endpoint: shopify.url, ...resilience(VENDOR.SHOPIFY) },
      { id: VENDOR.WOO, name: 'Demo WooCommerce Store', platform: 'woocommerce', baseUrl: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret, ...resilience(VENDOR.WOO) },
      { id: VENDOR.MAGENTO, name: 'Demo Magento Store', platform: 'magento', baseUrl: magento.url, accessToken: magento.integrationToken, storeCode: 'default', ...resilience(VENDOR.MAGENTO) },
      { ...demoCustomVendorConfig(dropship.url, 'DROPSHIP_API_KEY'), ...resilience(VENDOR.DROPSHIP) },
    ],
    ...(options.requestTimeoutMs ? { limits: { requestTimeoutMs: options.requestTimeoutMs } } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    store: { sqlitePath: ':memory:' },
  };
  const config = validateConfig(document, { DROPSHIP_API_KEY: dropship.apiKey }, 'resilience-gateway test');
  const gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  const servers = { [VENDOR.SHOPIFY]: shopify.server, [VENDOR.WOO]: woo.server, [VENDOR.MAGENTO]: magento.server, [VENDOR.DROPSHIP]: dropship.server };
  return {
    url: gateway.url,
    gateway,
    servers,
    simulators: { [VENDOR.SHOPIFY]: shopify.url, [VENDOR.WOO]: woo.url, [VENDOR.MAGENTO]: magento.url, [VENDOR.DROPSHIP]: dropship.url },
    shopify,
    close: async () => {
      await gateway.close();
      await Promise.all([shopify.close(), woo.close(), magento.close(), dropship.close()]);
    },
  };
}

/** GET /metrics and the value of one sample (0 when absent), e.g. ('stockgraph_upstream_retries_total', { vendor: 'demo-woo' }). */
export async function scrapeMetric(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).match(/^\{(.*)\}/)?.[1] ?? '';
    const sample = Object.fromEntries([...labelText.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    if (Object.entries(labels).every(([key, value]) => sample[key] === value)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

export const HEALTH_QUERY = '{ vendors { id health { status circuit errorRate latencyP95Ms rateLimitRemaining windowCalls lastError } } }';

export interface HealthView {
  readonly id: string;
  readonly health: {
    readonly status: string;
    readonly circuit: string;
    readonly errorRate: number;
    readonly latencyP95Ms: number | null;
    readonly rateLimitRemaining: number | null;
    readonly windowCalls: number;
    readonly lastError: string | null;
  };
}
