import { ConfigError } from './config/config-error.ts';
import { resolveLaunch } from './launch.ts';
import { createLogger } from './observability/create-logger.ts';
import { setupTracing } from './observability/tracing.ts';
import { EXAMPLE_QUERY } from './server/graphiql-route.ts';
import { startGateway } from './server/start-gateway.ts';

/**
 * `npm start`: loads and validates the configuration (or starts demo mode with the embedded
 * simulators when there is none), then serves. A bad configuration prints one message naming
 * each bad field and exits 1 before anything listens.
 */
async function main(): Promise<void> {
  const env = process.env;
  const tracing = setupTracing(env);
  const launch = await resolveLaunch(process.argv.slice(2), env);
  const { config } = launch;
  const pretty = config.environment === 'development' && process.stdout.isTTY;
  const logger = createLogger({ pretty, level: env.LOG_LEVEL });
  const port = env.PORT ? Number(env.PORT) : 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError([`PORT: must be a port number; got "${env.PORT}"`], 'environment');
  const gateway = await startGateway(config, { port, host: env.HOST, logger, secretKeys: launch.secretKeys, purchaseOrders: launch.purchaseOrders });

  logger.info({ url: `${gateway.url}/graphql`, vendors: config.vendors.map((vendor) => vendor.id), demo: config.demo }, 'stockgraph is serving');
  // Demo stock moves: the simulators deliver signed webhooks to this gateway and sell now and then.
  await launch.goLive?.(gateway.url, (vendorId, base) => gateway.services.realtime.registrar.register(vendorId, base));
  if (config.demo) {
    console.log(`\nstockgraph demo mode: ${config.vendors.length} simulated vendors (${config.vendors.map((v) => v.id).join(', ')})`);
    console.log(`GraphiQL:  ${gateway.url}/graphql   (open it in a browser)`);
    console.log(`Health:    ${gateway.url}/health   ${gateway.url}/ready`);
    console.log(`Live:      subscription { inventoryChanged { sku vendorId before after source occurredAt } }   (stock moves every few seconds)`);
    console.log(`\nTry:\n${EXAMPLE_QUERY}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining in-flight requests, then stopping');
    await gateway.close();
    await launch.close();
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
