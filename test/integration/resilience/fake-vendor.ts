import pino from 'pino';
import { buildVendorPolicy, type VendorPolicyConfig } from '../../../src/resilience/build-vendor-policy.ts';
import type { Clock } from '../../../src/resilience/clock.ts';
import type { ResilienceConfig } from '../../../src/config/resilience-config.ts';
import type { VendorPolicy } from '../../../src/resilience/vendor-policy.ts';
import { FaultKind, type FaultSettings } from '../../../src/sandbox/fault-injection.ts';
import { SimulatorServer, type SimRequest, type SimResponse, type SimulatorHandler } from '../../../src/sandbox/simulator-server.ts';
import { VendorHttpClient, type VendorHttpClientOptions } from '../../../src/vendors/http/vendor-http-client.ts';
import type { UpstreamCallContext } from '../../../src/vendors/vendor-source.ts';
import { testCallContext } from '../../support/call-context.ts';

export const VENDOR_ID = 'fake-rest';

/** A tiny REST vendor: GET /items/<id> answers `{ id, stock }`; faults answer like WooCommerce does. */
export const restHandler: SimulatorHandler = {
  handle: (request: SimRequest): SimResponse => ({ status: 200, body: { id: request.path.split('/').at(-1), stock: 7 } }),
  faultResponse: (kind) =>
    kind === FaultKind.THROTTLE
      ? { status: 429, headers: { 'retry-after': '1' }, body: { code: 'too_many_requests', message: 'Slow down' } }
      : { status: 503, body: { code: 'internal_server_error', message: 'Service Unavailable' } },
  describe: (request) => `${request.method} ${request.path.replace(/\/\d+$/, '/:id')}`,
};

export interface FakeVendor {
  readonly server: SimulatorServer;
  readonly policy: VendorPolicy;
  readonly client: VendorHttpClient;
  /** GET /items/<n> through the client. */
  get(n: number, ctx?: Partial<UpstreamCallContext>, idempotent?: boolean): Promise<unknown>;
  close(): Promise<void>;
}

export interface FakeVendorOptions {
  readonly resilience?: ResilienceConfig;
  readonly platform?: VendorPolicyConfig['platform'];
  readonly faults?: FaultSettings;
  readonly clock?: Clock;
  readonly handler?: SimulatorHandler;
  readonly client?: Partial<Pick<VendorHttpClientOptions, 'inspectResponse'>>;
  /** Builds client-side hooks that need the policy (e.g. a Shopify cost observer). */
  readonly hooks?: (policy: VendorPolicy) => Partial<Pick<VendorHttpClientOptions, 'inspectResponse'>>;
  /** Called before every retry attempt, as the gateway's retry metric is. */
  readonly onRetry?: (vendorId: string) => void;
}

/** A SimulatorServer on loopback with a VendorHttpClient whose policy is built like start-up builds it. */
export async function startFakeVendor(options: FakeVendorOptions = {}): Promise<FakeVendor> {
  const server = new SimulatorServer(options.handler ?? restHandler, options.faults ?? {});
  const url = await server.listen();
  const policy = buildVendorPolicy(
    { id: VENDOR_ID, platform: options.platform ?? 'magento', resilience: options.resilience ?? {} },
    { logger: pino({ level: 'silent' }), ...(options.clock ? { clock: options.clock } : {}), ...(options.onRetry ? { onRetry: options.onRetry } : {}) },
  );
  const client = new VendorHttpClient({
    vendorId: VENDOR_ID,
    origin: url,
    authHeaders: () => ({ authorization: 'Bearer test-token' }),
    policy,
    describeError: (status, body) => (body as { message?: string } | undefined)?.message ?? `HTTP ${status}`,
    ...options.hooks?.(policy),
  });
  const clock = options.clock;
  return {
    server,
    policy,
    client,
    get: async (n, ctx = {}, idempotent = true) => {
      const context = testCallContext({ ...(clock ? { deadline: clock.now() + 10_000 } : {}), ...ctx });
      const response = await client.request(context, { method: 'GET', path: `/items/${n}`, operation: 'getItem', idempotent });
      return response.body;
    },
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** Settles a promise into its value or error, for asserting on failures in loops. */
export async function outcome<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Settings that keep integration tests fast and exact: no backoff wait, no jitter. */
export const immediateRetries = { backoff: 'fixed', initialDelayMs: 0, jitter: false } as const;
