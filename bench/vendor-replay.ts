import { Pool } from 'undici';
import type { VendorConfig } from '../src/config/config-schema.ts';
import { VENDOR_POOL_CONNECTIONS } from '../src/vendors/http/vendor-http-client.ts';
import { authHeaders as customAuthHeaders } from '../src/vendors/custom/custom-auth.ts';
import { summarizeLatencies, type LoadResult } from './load-run.ts';

/** One upstream request as a simulator logged it (what the sandbox host's `log` returns). */
export interface LoggedRequest {
  readonly vendorId: string;
  readonly method: string;
  readonly path: string;
  /** The query string, with its leading "?" (or ""). */
  readonly query: string;
  readonly body: unknown;
  readonly receivedAt: number;
  readonly answeredAt: number;
}

/** A request the replay sends straight to a vendor, with the vendor's own credentials. */
interface ReplayRequest {
  readonly origin: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/**
 * The upstream requests one operation of the server under test made, in the shape it made them:
 * stages that ran one after another, each a set of requests that overlapped in time (sent in
 * parallel). Sending exactly these, directly, is the least time those calls can take; what the
 * server adds above it is its own.
 */
export interface ReplayPlan {
  readonly stages: ReadonlyArray<readonly ReplayRequest[]>;
  readonly requests: number;
  /** e.g. "demo-shopify ×1 → demo-shopify ×1". */
  readonly description: string;
}

/** Groups one operation's logged requests into sequential stages of overlapping requests, or null if it made none. */
export function replayPlan(logged: readonly LoggedRequest[], vendors: readonly VendorConfig[], simulatorUrls: Readonly<Record<string, string>>): ReplayPlan | null {
  if (logged.length === 0) return null;
  const sorted = [...logged].sort((a, b) => a.receivedAt - b.receivedAt);
  const stages: LoggedRequest[][] = [];
  let stageEnd = Number.NEGATIVE_INFINITY;
  for (const entry of sorted) {
    if (entry.receivedAt >= stageEnd || stages.length === 0) stages.push([]);
    stages[stages.length - 1]?.push(entry);
    stageEnd = Math.max(stageEnd, entry.answeredAt);
  }
  const toRequest = (entry: LoggedRequest): ReplayRequest => {
    const vendor = vendors.find((candidate) => candidate.id === entry.vendorId);
    const origin = simulatorUrls[entry.vendorId];
    if (!vendor || !origin) throw new Error(`replay: no vendor "${entry.vendorId}" in the config`);
    const body = entry.body === undefined ? undefined : JSON.stringify(entry.body);
    return {
      origin: new URL(origin).origin,
      method: entry.method,
      path: `${entry.path}${entry.query}`,
      headers: { ...authHeadersOf(vendor), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body,
    };
  };
  return {
    stages: stages.map((stage) => stage.map(toRequest)),
    requests: logged.length,
    description: stages.map((stage) => describeStage(stage)).join(' → '),
  };
}

function describeStage(stage: readonly LoggedRequest[]): string {
  const byVendor = new Map<string, number>();
  for (const entry of stage) byVendor.set(entry.vendorId, (byVendor.get(entry.vendorId) ?? 0) + 1);
  return [...byVendor].map(([vendorId, count]) => `${vendorId} ×${String(count)}`).join(' ∥ ');
}

/** The credentials each platform's client sends (query-string credentials are already in the logged query). */
export function authHeadersOf(vendor: VendorConfig): Record<string, string> {
  switch (vendor.platform) {
    case 'shopify':
      if (!vendor.accessToken) throw new Error(`replay: ${vendor.id} uses expiring offline tokens; the replay needs an accessToken`);
      return { 'x-shopify-access-token': vendor.accessToken };
    case 'woocommerce':
      return vendor.queryStringAuth ? {} : { authorization: `Basic ${Buffer.from(`${vendor.consumerKey}:${vendor.consumerSecret}`).toString('base64')}` };
    case 'magento':
      if (!vendor.accessToken) throw new Error(`replay: ${vendor.id} uses admin-token login; the replay needs an integration token`);
      return { authorization: `Bearer ${vendor.accessToken}` };
    case 'custom':
      return customAuthHeaders(vendor.auth);
  }
}

/**
 * Sends the plan again and again from `connections` loops at once (each loop one operation at a
 * time, stages in order, a stage's requests in parallel), for `durationSeconds` or `amount`
 * operations in all, and measures each operation's whole time. It sends them the way the gateway
 * does, so that the difference is the gateway's own: one keep-alive pool per vendor origin with the
 * gateway's connection count (`VENDOR_POOL_CONNECTIONS`, pipelining 1), opened by `warmUp`
 * unmeasured operations first (the gateway's low-load figure is also taken after a warm-up).
 */
export async function runReplay(
  plan: ReplayPlan,
  options: { connections: number; durationSeconds?: number; amount?: number; warmUp?: number; poolConnections?: number },
): Promise<LoadResult> {
  const pools = new Map<string, Pool>();
  const poolOf = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) pools.set(origin, (pool = new Pool(origin, { connections: options.poolConnections ?? VENDOR_POOL_CONNECTIONS, keepAliveTimeout: 30_000, pipelining: 1 })));
    return pool;
  };
  const sendOnce = async (): Promise<boolean> => {
    let ok = true;
    for (const stage of plan.stages) {
      const statuses = await Promise.all(
        stage.map(async (request) => {
          const response = await poolOf(request.origin).request({ method: request.method as 'GET', path: request.path, headers: request.headers, body: request.body });
          const text = await response.body.text();
          // A GraphQL vendor answers refusals (Shopify's THROTTLED) with HTTP 200 and `errors`.
          return response.statusCode < 300 && text.includes('"errors"') ? 599 : response.statusCode;
        }),
      );
      if (statuses.some((status) => status >= 300)) ok = false;
    }
    return ok;
  };
  for (let index = 0; index < (options.warmUp ?? 0); index++) await sendOnce().catch(() => false);
  const times: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let started = 0;
  const start = performance.now();
  const endAt = options.durationSeconds === undefined ? Number.POSITIVE_INFINITY : start + options.durationSeconds * 1000;
  const more = () => performance.now() < endAt && (options.amount === undefined || started < options.amount);
  const loop = async () => {
    while (more()) {
      started++;
      const began = performance.now();
      let ok: boolean;
      try {
        ok = await sendOnce();
      } catch {
        errors++;
        continue;
      }
      if (!ok) non2xx++;
      times.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - start) / 1000;
  await Promise.all([...pools.values()].map((pool) => pool.close()));
  return {
    requestsPerSecond: (times.length - non2xx) / seconds,
    completed: times.length,
    non2xx,
    withErrors: 0,
    errors,
    latencyMs: summarizeLatencies(times),
    durationSeconds: seconds,
  };
}
