import { ConfigError } from './config/config-error.ts';
import type { GatewayConfig } from './config/config-schema.ts';
import { configFromShopifyEnv, loadConfigFile, planConfig } from './config/load-config.ts';
import type { PurchaseOrderHistory } from './demand/purchase-order-history.ts';
import { createLogger } from './observability/create-logger.ts';
import { setupTracing } from './observability/tracing.ts';
import { EXAMPLE_QUERY } from './server/graphiql-route.ts';
import { startGateway } from './server/start-gateway.ts';
import { readSecretKeys, SecretKeyError } from './secrets/secret-keys.ts';

/** What demo mode hands the gateway: the simulators' configuration and purchase orders. */
interface DemoMode {
  readonly config: GatewayConfig;
  readonly purchaseOrders: PurchaseOrderHistory;
  close(): Promise<void>;
}

/**
 * Demo mode only: the simulators are loaded by a dynamic import, so a production start never
 * loads src/sandbox (nor reads the simulated Shopify schema from disk).
 */
async function startDemoMode(env: NodeJS.ProcessEnv): Promise<DemoMode> {
  const { startDemoSandbox } = await import('./sandbox/start-demo-sandbox.ts');
  return startDemoSandbox(env);
}

/**
 * `npm start`: loads and validates the configuration (or starts demo mode with the embedded
 * simulators when there is none), then serves. A bad configuration prints one message naming
 * each bad field and exits 1 before anything listens.
 */
async function main(): Promise<void> {
  const env = process.env;
  const tracing = setupTracing(env);
  let demo: DemoMode | null = null;
  let config: GatewayConfig;
  const plan = planConfig({ argv: process.argv.slice(2), env });
  if (plan.kind === 'file') config = loadConfigFile(plan.path, env);
  else if (plan.kind === 'shopify-env') config = configFromShopifyEnv(env);
  else {
    demo = await startDemoMode(env);
    config = demo.config;
  }
  const pretty = config.environment === 'development' && process.stdout.isTTY;
  const logger = createLogger({ pretty, level: env.LOG_LEVEL });
  const port = env.PORT ? Number(env.PORT) : 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError([`PORT: must be a port number; got "${env.PORT}"`], 'environment');
  let secretKeys;
  try {
    secretKeys = readSecretKeys(env);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new ConfigError([error.message], 'environment');
    throw error;
  }
  const gateway = await startGateway(config, { port, host: env.HOST, logger, secretKeys, purchaseOrders: demo?.purchaseOrders });

  logger.info({ url: `${gateway.url}/graphql`, vendors: config.vendors.map((vendor) => vendor.id), demo: config.demo }, 'stockgraph is serving');
  if (config.demo) {
    console.log(`\nstockgraph demo mode: ${config.vendors.length} simulated vendors (${config.vendors.map((v) => v.id).join(', ')})`);
    console.log(`GraphiQL:  ${gateway.url}/graphql   (open it in a browser)`);
    console.log(`Health:    ${gateway.url}/health   ${gateway.url}/ready`);
    console.log(`\nTry:\n${EXAMPLE_QUERY}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining in-flight requests, then stopping');
    await gateway.close();
    await demo?.close();
    await tracing.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`stockgraph failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
