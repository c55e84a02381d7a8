import type { Logger } from 'pino';
import { createAuthenticator } from '../auth/create-authenticator.ts';
import type { GatewayConfig } from '../config/config-schema.ts';
import { createFlagService } from '../flags/create-flag-service.ts';
import type { FlagService } from '../flags/flag-service.ts';
import type { OnEvaluate } from '../flags/growthbook-evaluator.ts';
import { deadlineOnlyPolicy } from '../resilience/upstream-policy.ts';
import { UNKNOWN_HEALTH } from '../resilience/vendor-health-snapshot.ts';
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
  /** Called once per flag per request as it is evaluated (the metrics work counts these). */
  readonly onFlagEvaluate?: OnEvaluate;
}

/** Builds every long-lived part from the validated config and the loaded flag service. */
export function buildServices(config: GatewayConfig, logger: Logger, flags: FlagService): GatewayServices {
  const sources = config.vendors.map((vendor) =>
    createVendorSource(vendor, { policy: deadlineOnlyPolicy, logger: logger.child({ vendorId: vendor.id }) }),
  );
  return {
    config,
    registry: new VendorRegistry(sources),
    health: { snapshot: () => UNKNOWN_HEALTH },
    logger,
    authenticator: createAuthenticator(config, logger.child({ component: 'auth' })),
    flags,
  };
}

/**
 * Loads the flag definitions (failing start-up when there is no good copy), builds the services,
 * then listens. Nothing starts half-built: a failure on the way releases what was started.
 */
export async function startGateway(config: GatewayConfig, options: StartOptions): Promise<RunningGateway> {
  const flags = await createFlagService(config, { logger: options.logger, onEvaluate: options.onFlagEvaluate });
  let services: GatewayServices;
  let http: HttpServer;
  let address: string;
  try {
    services = buildServices(config, options.logger, flags);
    http = await createHttpServer(services);
  } catch (error) {
    await flags.close();
    throw error;
  }
  const host = options.host ?? (config.environment === 'production' && !config.demo ? '0.0.0.0' : '127.0.0.1');
  try {
    address = await http.app.listen({ port: options.port ?? 4000, host });
  } catch (error) {
    await http.close();
    await flags.close();
    throw error;
  }
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::1]', '127.0.0.1');
  return {
    url,
    services,
    http,
    async close() {
      await http.close();
      await services.flags.close();
    },
  };
}
