import pino from 'pino';
import { deadlineOnlyPolicy } from '../../../src/resilience/upstream-policy.ts';
import { startMagentoSimulator, type MagentoSimulator, type MagentoSimulatorOptions } from '../../../src/sandbox/magento/magento-simulator.ts';
import { magentoVendorConfigSchema, type MagentoVendorConfig } from '../../../src/config/vendors/magento-config.ts';
import { createMagentoSource, type MagentoSourceOptions, type MagentoVendorSource } from '../../../src/vendors/magento/magento-source.ts';

export interface MagentoKit {
  readonly sim: MagentoSimulator;
  readonly source: MagentoVendorSource;
  readonly config: MagentoVendorConfig;
  /** Requests the simulator logged, optionally only one operation label (e.g. "GET /V1/products"). */
  requests(operation?: string): number;
  close(): Promise<void>;
}

export async function startMagentoKit(
  options: { sim?: MagentoSimulatorOptions; auth?: 'integration' | 'admin'; config?: Record<string, unknown>; source?: MagentoSourceOptions } = {},
): Promise<MagentoKit> {
  const sim = await startMagentoSimulator(options.sim);
  const credentials = options.auth === 'admin' ? { username: sim.adminUsername, password: sim.adminPassword } : { accessToken: sim.integrationToken };
  const config = magentoVendorConfigSchema.parse({ platform: 'magento', id: 'test-magento', name: 'Test Magento', baseUrl: sim.url, ...credentials, ...options.config });
  const source = createMagentoSource(config, { policy: deadlineOnlyPolicy, logger: pino({ level: 'silent' }) }, options.source);
  return {
    sim,
    source,
    config,
    requests: (operation) => sim.server.count((entry) => operation === undefined || entry.operation === operation),
    close: async () => {
      await source.close();
      await sim.close();
    },
  };
}
