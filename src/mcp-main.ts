import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import pino from 'pino';
import { ConfigError } from './config/config-error.ts';
import { GatewayError } from './errors/gateway-error.ts';
import { resolveLaunch } from './launch.ts';
import { createLogger } from './observability/create-logger.ts';
import { setupTracing } from './observability/tracing.ts';
import { startGateway } from './server/start-gateway.ts';
import { FLAG_OFF_MESSAGE, mcpEnabled } from './mcp/mcp-refusal.ts';
import { openSession } from './mcp/mcp-session.ts';

/**
 * `npm run mcp`: the MCP server over stdio. It reads the configuration exactly as `npm start` does
 * (--config / STOCKGRAPH_CONFIG, the Shopify env shortcut, or demo mode with the embedded
 * simulators), builds the same gateway without listening, and serves one session whose caller is
 * the API key in STOCKGRAPH_API_KEY (none: the development caller, where that is allowed).
 * stdout carries JSON-RPC only: every log line goes to stderr.
 */
async function main(): Promise<void> {
  const env = process.env;
  const tracing = setupTracing(env);
  const launch = await resolveLaunch(process.argv.slice(2), env);
  const { config } = launch;
  const logger = createLogger({ level: env.LOG_LEVEL, destination: pino.destination(2) });
  const gateway = await startGateway(config, { logger, listen: false, secretKeys: launch.secretKeys, purchaseOrders: launch.purchaseOrders });
  const stop = async (code: number) => {
    await gateway.close();
    await launch.close();
    await tracing.shutdown();
    process.exit(code);
  };

  const key = env.STOCKGRAPH_API_KEY;
  const session = await openSession(gateway.services, key ? { 'x-api-key': key } : {}).catch(async (error: unknown) => {
    console.error(`stockgraph mcp: ${error instanceof GatewayError ? error.message : String(error)} (STOCKGRAPH_API_KEY)`);
    return stop(1);
  });
  if (!mcpEnabled(session)) logger.warn({ callerId: session.caller.id }, `${FLAG_OFF_MESSAGE}; every request is refused until it is on`);

  const server = gateway.http.mcp.create(session);
  const transport = new StdioServerTransport();
  transport.onclose = () => void stop(0);
  await server.connect(transport);
  logger.info({ callerId: session.caller.id, vendors: config.vendors.map((vendor) => vendor.id), demo: config.demo }, 'stockgraph MCP server on stdio');
  process.stdin.once('end', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`stockgraph mcp failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
