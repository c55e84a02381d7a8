import { ConfigError } from './config/config-error.ts';
import type { GatewayConfig } from './config/config-schema.ts';
import { configFromShopifyEnv, loadConfigFile, planConfig } from './config/load-config.ts';
import type { PurchaseOrderHistory } from './demand/purchase-order-history.ts';
import { readSecretKeys, SecretKeyError, type SecretKeys } from './secrets/secret-keys.ts';

/** What every entry point (npm start, npm run mcp) starts the gateway from. */
export interface Launch {
  readonly config: GatewayConfig;
  /** Demo mode: the simulators' purchase-order history. */
  readonly purchaseOrders?: PurchaseOrderHistory;
  readonly secretKeys: SecretKeys | null;
  /**
   * Demo mode: makes the demo's stock move (the simulators deliver signed webhooks to the gateway
   * at `gatewayUrl`, registered through `register`, and sell a unit now and then).
   */
  readonly goLive?: (gatewayUrl: string, register: (vendorId: string, baseUrl: string) => Promise<unknown>) => Promise<void>;
  /** Stops the embedded simulators (demo mode); nothing otherwise. */
  close(): Promise<void>;
}

/**
 * Reads the configuration as every entry point does: `--config` / STOCKGRAPH_CONFIG, else the
 * Shopify environment shortcut, else demo mode with the embedded simulators. The simulators are
 * loaded by a dynamic import in demo mode only, so a production start never loads src/sandbox.
 * Bad configuration or secret keys throw ConfigError (one message naming each bad field).
 */
export async function resolveLaunch(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Launch> {
  const secretKeys = secretKeysOf(env);
  const plan = planConfig({ argv: [...argv], env });
  if (plan.kind === 'file') return { config: loadConfigFile(plan.path, env), secretKeys, close: async () => {} };
  if (plan.kind === 'shopify-env') return { config: configFromShopifyEnv(env), secretKeys, close: async () => {} };
  const { startDemoSandbox } = await import('./sandbox/start-demo-sandbox.ts');
  const demo = await startDemoSandbox(env);
  return { config: demo.config, purchaseOrders: demo.purchaseOrders, secretKeys, goLive: (url, register) => demo.goLive(url, register), close: () => demo.close() };
}

function secretKeysOf(env: NodeJS.ProcessEnv): SecretKeys | null {
  try {
    return readSecretKeys(env);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new ConfigError([error.message], 'environment');
    throw error;
  }
}
