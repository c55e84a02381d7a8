import pino, { type Logger } from 'pino';
import { startDemoSandbox, type DemoSandbox, type DemoSandboxOptions } from '../../src/sandbox/start-demo-sandbox.ts';
import { startGateway, type RunningGateway } from '../../src/server/start-gateway.ts';

export interface DemoGateway {
  readonly url: string;
  readonly sandbox: DemoSandbox;
  readonly gateway: RunningGateway;
  /** Requests each simulator logged since the last `resetCounts()`, by vendor id. */
  counts(): Record<string, number>;
  resetCounts(): void;
  close(): Promise<void>;
}

/** Demo mode as `npm start` runs it (four simulators + the gateway), on ephemeral loopback ports. */
export async function startDemoGateway(
  options: DemoSandboxOptions = {},
  env: NodeJS.ProcessEnv = { STOCKGRAPH_DEMO_DB: ':memory:' },
  logger: Logger = pino({ level: 'silent' }),
): Promise<DemoGateway> {
  const sandbox = await startDemoSandbox(env, options);
  const gateway = await startGateway(sandbox.config, { port: 0, host: '127.0.0.1', logger, purchaseOrders: sandbox.purchaseOrders });
  const counts = () => Object.fromEntries(Object.entries(sandbox.servers).map(([id, server]) => [id, server.requestLog.length]));
  return {
    url: gateway.url,
    sandbox,
    gateway,
    counts,
    resetCounts: () => Object.values(sandbox.servers).forEach((server) => server.clearLog()),
    close: async () => {
      await gateway.close();
      await sandbox.close();
    },
  };
}
