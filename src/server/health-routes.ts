import type { FastifyInstance } from 'fastify';
import type { GatewayServices } from '../context/gateway-services.ts';

/**
 * GET /health: the process is alive (always 200 while it serves).
 * GET /ready: configuration loaded, flags loaded, each vendor's last known state; 503 while the
 * gateway is draining or a vendor is DOWN with no other vendor up, so a load balancer stops sending.
 */
export function registerHealthRoutes(app: FastifyInstance, services: GatewayServices, state: { draining: boolean }): void {
  app.get('/health', async () => ({
    status: 'ok',
    timestamp: new Date().toISOString(),
    uptimeSeconds: Math.round(process.uptime()),
    environment: services.config.environment,
    demo: services.config.demo,
    integrations: Object.fromEntries(services.registry.all.map((vendor) => [vendor.info.id, vendor.info.platform])),
  }));

  app.get('/ready', async (_request, reply) => {
    const vendors = services.registry.all.map((vendor) => ({
      id: vendor.info.id,
      platform: vendor.info.platform,
      ...services.health.snapshot(vendor.info.id),
    }));
    const flags = services.flags.status();
    const anyVendorUsable = vendors.some((vendor) => vendor.status !== 'DOWN');
    const ready = !state.draining && flags.loaded && anyVendorUsable;
    // PostgreSQL or Redis down does not make the instance unready: reads go on, writes are refused.
    const sharedState = services.sharedState ? await services.sharedState.status() : undefined;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      draining: state.draining,
      config: { loaded: true, source: services.config.source, environment: services.config.environment },
      flags,
      vendors,
      ...(sharedState ? { sharedState } : {}),
    });
  });
}
