import pino from 'pino';
import { hashApiKey } from '../../../src/auth/api-key-hash.ts';
import { authConfigSchema, limitsConfigSchema, type GatewayConfig } from '../../../src/config/config-schema.ts';
import { httpConfigSchema, securityConfigSchema } from '../../../src/config/security-config.ts';
import { startDemoSandbox, type DemoSandbox } from '../../../src/sandbox/start-demo-sandbox.ts';
import { startGateway, type RunningGateway } from '../../../src/server/start-gateway.ts';

/** API keys the limits tests call with (plain keys; the config holds their hashes). */
export const KEYS = {
  viewer: 'limits-viewer-key-0001',
  admin: 'limits-admin-key-0001',
  writer: 'limits-writer-key-0001',
  oneVendor: 'limits-one-vendor-key-0001',
  partner: 'limits-partner-key-0001',
} as const;

export interface LimitsGatewayOptions {
  readonly environment?: 'production' | 'development';
  readonly limits?: Record<string, unknown>;
  readonly security?: Record<string, unknown>;
  readonly http?: Record<string, unknown>;
  /** Per-key quota overrides, by key name in KEYS. */
  readonly quotas?: Partial<Record<keyof typeof KEYS, { requestsPerMinute: number; costPerMinute: number }>>;
}

export interface LimitsGateway {
  readonly url: string;
  readonly gateway: RunningGateway;
  /** Requests every simulator received since the last reset. */
  upstreamRequests(): number;
  resetUpstream(): void;
  close(): Promise<void>;
}

/**
 * The demo simulators behind a gateway configured like a public deployment (production by
 * default: API keys required, introspection off), so each test can count what reached a vendor.
 */
export async function startLimitsGateway(options: LimitsGatewayOptions = {}): Promise<LimitsGateway> {
  const sandbox: DemoSandbox = await startDemoSandbox({ STOCKGRAPH_DEMO_DB: ':memory:' });
  const key = (name: keyof typeof KEYS, roles: string[], vendors?: string[]) => ({
    id: name,
    keyHash: hashApiKey(KEYS[name]),
    roles,
    ...(vendors ? { vendors } : {}),
    ...(options.quotas?.[name] ? { quota: options.quotas[name] } : {}),
  });
  const config: GatewayConfig = {
    ...sandbox.config,
    // Configured like a deployment, not demo mode (which lets anonymous callers in).
    demo: false,
    environment: options.environment ?? 'production',
    auth: authConfigSchema.parse({
      apiKeys: [key('viewer', ['viewer']), key('admin', ['admin']), key('writer', ['inventory:write']), key('oneVendor', ['viewer'], ['demo-woo']), key('partner', ['viewer'])],
    }),
    limits: limitsConfigSchema.parse(options.limits ?? {}),
    security: securityConfigSchema.parse(options.security ?? {}),
    http: httpConfigSchema.parse(options.http ?? {}),
  };
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }) });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const servers = Object.values(sandbox.servers);
  return {
    url: gateway.url,
    gateway,
    upstreamRequests: () => servers.reduce((sum, server) => sum + server.requestLog.length, 0),
    resetUpstream: () => servers.forEach((server) => server.clearLog()),
    close: async () => {
      await gateway.close();
      await sandbox.close();
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
}

/** POSTs any JSON body (or raw text) to /graphql with a credential. */
export async function post(url: string, body: unknown, options: { key?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<RawResponse> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.key ? { 'x-api-key': options.key } : {}), ...options.headers },
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : { errors: [{ message: text }] } };
}
