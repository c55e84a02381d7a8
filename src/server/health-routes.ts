import type { FastifyInstance } from 'fastify';
import type { Caller, CallerRole } from '../model/caller.ts';
import { ALL_FLAGS, FeatureFlag } from '../flags/flag-names.ts';
import type { OperationalAccess } from '../security/operational-access.ts';
import type { GatewayServices } from '../context/gateway-services.ts';

/**
 * GET /health: the process is alive (always 200 while it serves).
 * GET /ready: configuration loaded, flags loaded, each vendor's last known state; 503 while the
 * gateway is draining or a vendor is DOWN with no other vendor up, so a load balancer stops sending.
 */
export function registerHealthRoutes(app: FastifyInstance, services: GatewayServices, state: { draining: boolean }, access: OperationalAccess | null): void {
  app.get('/health', async () => ({
    status: 'ok',
    timestamp: new Date().toISOString(),
    uptimeSeconds: Math.round(process.uptime()),
    environment: services.config.environment,
    demo: services.config.demo,
    integrations: Object.fromEntries(services.registry.all.map((vendor) => [vendor.info.id, vendor.info.platform])),
    features: featureStates(services),
  }));

  app.get('/ready', async (request, reply) => {
    const vendors = services.registry.all.map((vendor) => ({
      id: vendor.info.id,
      platform: vendor.info.platform,
      ...services.health.snapshot(vendor.info.id),
    }));
    const flags = services.flags.status();
    const anyVendorUsable = vendors.some((vendor) => vendor.status !== 'DOWN');
    const ready = !state.draining && flags.loaded && anyVendorUsable;
    // Outsiders (production, no admin credential) learn whether to send traffic, nothing more.
    if (access && !(await access.mayRead(request))) return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready' });
    // PostgreSQL or Redis down does not make the instance unready: reads go on, writes are refused.
    const sharedState = services.sharedState ? await services.sharedState.status() : undefined;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      draining: state.draining,
      config: { loaded: true, source: services.config.source, environment: services.config.environment },
      flags,
      vendors,
      limits: services.config.limits,
      ...(sharedState ? { sharedState } : {}),
    });
  });
}

const HEALTH_CHECK_CALLER: Caller = Object.freeze({ id: 'health-check', kind: 'anonymous', roles: new Set<CallerRole>(), vendorScope: null });

/**
 * The seed's `features` map: each feature flag as it evaluates with no caller attributes
 * (debug_mode is per caller, not a feature, and is left out).
 */
function featureStates(services: GatewayServices): Record<string, boolean> {
  const flags = services.flags.forCaller(HEALTH_CHECK_CALLER);
  return Object.fromEntries(ALL_FLAGS.filter((flag) => flag !== FeatureFlag.DEBUG_MODE).map((flag) => [flag, flags.isOn(flag)]));
}
