import type { Logger } from 'pino';
import { createAuthenticator } from '../auth/create-authenticator.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import { staticFlagService } from '../flags/static-flag-service.ts';
import { InventoryService } from '../inventory/inventory-service.ts';
import { deadlineOnlyPolicy } from '../resilience/upstream-policy.ts';
import { UNKNOWN_HEALTH } from '../resilience/vendor-health-snapshot.ts';
import { openStateStore } from '../store/open-state-store.ts';
import { VendorRegistry, createVendorSource } from '../vendors/vendor-registry.ts';
import { createHttpServer, type HttpServer } from './create-http-server.ts';
import type { GatewayServices } from './gateway-services.ts';

export interface RunningGateway {
  readonly url: string;
  readonly services: GatewayServices;
  readonly http: HttpServer;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly logger: Logger;
}

/** Builds every long-lived part from the validated config, then listens. Nothing starts half-built. */
export function buildServices(config: GatewayConfig, logger: Logger): GatewayServices {
  const sources = config.vendors.map((vendor) =>
    createVendorSource(vendor, { policy: deadlineOnlyPolicy, logger: logger.child({ vendorId: vendor.id }) }),
  );
  const registry = new VendorRegistry(sources);
  // Opened last of the fallible parts: a store that cannot open stops start-up (StateStoreOpenError
  // names store.sqlitePath) before anything listens.
  const store = openStateStore(config);
  return {
    config,
    registry,
    health: { snapshot: () => UNKNOWN_HEALTH },
    logger,
    authenticator: createAuthenticator(config),
    flags: staticFlagService,
    store,
    inventory: new InventoryService({ config, registry, store, logger }),
  };
}

export async function startGateway(config: GatewayConfig, options: StartOptions): Promise<RunningGateway> {
  const services = buildServices(config, options.logger);
  let http: HttpServer;
  try {
    http = await createHttpServer(services);
  } catch (error) {
    await services.store.close();
    throw error;
  }
  const purge = services.inventory.startPurgeJob();
  const host = options.host ?? (config.environment === 'production' && !config.demo ? '0.0.0.0' : '127.0.0.1');
  const address = await http.app.listen({ port: options.port ?? 4000, host });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::1]', '127.0.0.1');
  return {
    url,
    services,
    http,
    async close() {
      await http.close();
      purge.stop();
      await services.flags.close();
      await services.store.close();
    },
  };
}
