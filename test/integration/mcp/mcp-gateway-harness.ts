import pino from 'pino';
import type { GatewayConfig } from '../../../src/config/config-schema.ts';
import { FeatureFlag } from '../../../src/flags/flag-names.ts';
import { startDemoSandbox, type DemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';
import { featuresPayload, tempFlagsFile } from '../flags/flags-test-kit.ts';
import { keyHash, roleApiKeys } from './mcp-test-kit.ts';

/** Keys of callers for whom a flag is off (GrowthBook targeting on the caller id). */
export const FLAG_KEYS = { mcpOff: 'mcp-off-key-0123456789', forecastOff: 'forecast-off-key-0123456789' } as const;

export interface McpGateway {
  readonly url: string;
  readonly sandbox: DemoSandbox;
  readonly gateway: RunningGateway;
  /** Requests the simulators logged (all vendors), optionally only those matching. */
  vendorRequests(predicate?: (entry: { method: string; path: string }) => boolean): number;
  close(): Promise<void>;
}

/**
 * The simulators of demo mode behind a PRODUCTION gateway (no anonymous callers) with API keys for
 * each role and a flags file that turns `mcp_integration_enabled` off for one key and
 * `demand_forecasting_enabled` off for another.
 */
export async function startMcpGateway(overrides: Partial<GatewayConfig> = {}): Promise<McpGateway> {
  const sandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
  const flagsFile = await tempFlagsFile(
    featuresPayload({
      [FeatureFlag.MCP_INTEGRATION]: { defaultValue: true, rules: [{ condition: { id: 'mcp-off' }, force: false }] },
      [FeatureFlag.DEMAND_FORECASTING]: { defaultValue: true, rules: [{ condition: { id: 'forecast-off' }, force: false }] },
      [FeatureFlag.DEBUG_MODE]: { defaultValue: false },
    }),
  );
  const config: GatewayConfig = {
    ...sandbox.config,
    // The demo polls Magento every 5 s; these tests count the vendor requests a tool makes, so
    // the background poll is moved out of their way (no MCP test relies on it).
    vendors: sandbox.config.vendors.map((vendor) => (vendor.platform === 'magento' ? { ...vendor, pollEverySeconds: 86_400 } : vendor)),
    environment: 'production',
    demo: false,
    flags: { file: flagsFile.path },
    auth: {
      apiKeys: [
        ...roleApiKeys(),
        { id: 'mcp-off', keyHash: keyHash(FLAG_KEYS.mcpOff), roles: ['admin'] },
        { id: 'forecast-off', keyHash: keyHash(FLAG_KEYS.forecastOff), roles: ['viewer'] },
      ],
    },
    ...overrides,
  } as GatewayConfig;
  const gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  return {
    url: gateway.url,
    sandbox,
    gateway,
    vendorRequests: (predicate = () => true) => Object.values(sandbox.servers).reduce((sum, server) => sum + server.requestLog.filter(predicate).length, 0),
    close: async () => {
      await gateway.close();
      await sandbox.close();
      await flagsFile.remove();
    },
  };
}
