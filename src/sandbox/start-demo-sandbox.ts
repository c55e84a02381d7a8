import type { GatewayConfig } from '../config/config-schema.ts';
import { validateConfig } from '../config/load-config.ts';
import type { FaultSettings } from './fault-injection.ts';
import type { SimulatorServer } from './simulator-server.ts';
import { demoCustomVendorConfig, startCustomSimulator } from './custom/custom-simulator.ts';
import { startWooCommerceSimulator } from './woocommerce/woocommerce-simulator.ts';

export interface DemoSandbox {
  readonly config: GatewayConfig;
  /** Base URL of each simulator by vendor id (its /__sandbox/faults route switches faults on). */
  readonly simulators: Readonly<Record<string, string>>;
  /** Each simulator's server by vendor id, for request-log counts (tests, bench). */
  readonly servers: Readonly<Record<string, SimulatorServer>>;
  close(): Promise<void>;
}

export interface DemoSandboxOptions {
  /** Faults every simulator starts with (demo mode reads DEMO_FAULTS as JSON). */
  readonly faults?: FaultSettings;
}

/**
 * Demo mode: every vendor simulator on a free loopback port, seeded and deterministic, and a
 * development configuration pointing the gateway at them. The catalogs share SKUs (SG-1000..).
 */
export async function startDemoSandbox(env: NodeJS.ProcessEnv, options: DemoSandboxOptions = {}): Promise<DemoSandbox> {
  const faults = options.faults ?? (env.DEMO_FAULTS ? (JSON.parse(env.DEMO_FAULTS) as FaultSettings) : {});
  const closers: Array<() => Promise<void>> = [];
  try {
    const woo = await startWooCommerceSimulator({ faults });
    closers.push(woo.close);
    const dropship = await startCustomSimulator({ faults });
    closers.push(dropship.close);
    // The custom vendor's key goes through a ${ENV_VAR} reference, as a real deployment's would.
    const demoEnv = { DEMO_DROPSHIP_API_KEY: dropship.apiKey };
    const document = {
      environment: 'development',
      vendors: [
        {
          id: 'demo-woo',
          name: 'Demo WooCommerce Store',
          platform: 'woocommerce',
          baseUrl: woo.url,
          consumerKey: woo.consumerKey,
          consumerSecret: woo.consumerSecret,
        },
        demoCustomVendorConfig(dropship.url, 'DEMO_DROPSHIP_API_KEY'),
      ],
      store: { sqlitePath: env.STOCKGRAPH_DEMO_DB ?? '.stockgraph/demo-state.db' },
    };
    const config = validateConfig(document, demoEnv, 'demo mode (embedded simulators)', true);
    return {
      config,
      simulators: { 'demo-woo': woo.url, dropship: dropship.url },
      servers: { 'demo-woo': woo.server, dropship: dropship.server },
      close: async () => {
        await Promise.all(closers.map((close) => close()));
      },
    };
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    throw error;
  }
}
