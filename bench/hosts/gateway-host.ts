import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { GatewayConfig } from '../../src/config/config-schema.ts';
import { DemoPurchaseOrders } from '../../src/sandbox/purchase-orders.ts';
import { startGateway } from '../../src/server/start-gateway.ts';
import { startApolloBaseline } from '../baseline/apollo-baseline-server.ts';
import { startNaiveGateway, type BenchServer } from '../naive/start-naive-gateway.ts';
import { serveHost } from './host-process.ts';
import { TRIVIAL_ANSWER } from '../hop-floor.ts';

/**
 * Bench child process running one server under test: `BENCH_SERVER=gateway` (startGateway, as
 * `npm start` runs it), `naive` (the unbatched, uncached baseline), `apollo` (the hand-written
 * Apollo Server over the WooCommerce simulator, bench/baseline) or `raw` (plain node:http
 * answering the hop floor's trivial query with a constant, no GraphQL: the hop itself, bench/hop-floor.ts). Its CPU time and memory
 * are read with process.resourceUsage()/memoryUsage() on request, so they are this server's alone.
 */
export interface ServerUsage {
  /** User + system CPU time since start, microseconds. */
  readonly cpuMicros: number;
  /** Resident set size now, bytes. */
  readonly rssBytes: number;
  /** Peak resident set size since start, bytes. */
  readonly maxRssBytes: number;
}

const kind = process.env.BENCH_SERVER === 'naive' || process.env.BENCH_SERVER === 'apollo' || process.env.BENCH_SERVER === 'raw' ? process.env.BENCH_SERVER : 'gateway';
const logger = pino({ level: 'silent' });
let server: BenchServer | null = null;

serveHost({
  start: async (params) => {
    if (kind === 'raw') {
      server = await startRawHopServer();
      return server.url;
    }
    const given = params as GatewayConfig;
    // Each server keeps its durable state in its own file, so two never share a SQLite lock.
    // The simulators have no request-rate limit, so by default the bench lifts the gateway's
    // protective per-vendor limits (BENCH_VENDOR_RATE_LIMITS=on keeps the platform defaults).
    const keepRateLimits = process.env.BENCH_VENDOR_RATE_LIMITS === 'on';
    // Likewise the bulkhead (WooCommerce: 6 concurrent calls): the hand-written baseline has none,
    // and a page whose variable products need a request each would otherwise measure the bulkhead.
    const lifted = { rateLimit: null, bulkhead: { maxConcurrent: 256, maxQueue: 4096 } };
    const limited = keepRateLimits ? given.vendors : given.vendors.map((vendor) => ({ ...vendor, resilience: { ...vendor.resilience, ...lifted } }));
    // Background polling (Magento, while real_time_sync_enabled is on) is not an operation: the
    // bench counts upstream requests per operation, so a poll must not land in a scenario's window.
    const vendors = limited.map((vendor) => (vendor.platform === 'magento' ? { ...vendor, pollEverySeconds: 86_400 } : vendor));
    // Listings as the gateway ships them (CACHE_DEFAULTS) unless asked (bench-options.ts): concurrent
    // identical listings share one read (single flight), nothing is kept after it. BENCH_LISTING_READS=off
    // measures each request reading for itself; =cached adds a 5 s listing TTL.
    const listingReads = process.env.BENCH_LISTING_READS ?? 'on';
    const cache = { ...given.cache, listingSingleFlight: listingReads !== 'off', listingTtlMs: listingReads === 'cached' ? 5_000 : 0 };
    // autocannon keeps sending on a connection the server answered `Connection: close` (Node's
    // maxRequestsPerSocket, default 1000 here): every later request on it is a 503 that a real client
    // never sends. A cached read at >1,250 req/s over 10 connections passes 1000 per socket in 8 s.
    // BENCH_EXECUTOR (bench-options.ts) picks graphql-jit or graphql-js; unset keeps the config's default.
    const chosen = process.env.BENCH_EXECUTOR;
    const executor: { executor?: 'jit' | 'graphql-js' } = chosen === 'jit' || chosen === 'graphql-js' ? { executor: chosen } : {};
    const http = { ...given.http, maxRequestsPerSocket: 0, ...executor };
    const config: GatewayConfig = { ...given, vendors, cache, http, store: { ...given.store, sqlitePath: join(tmpdir(), `stockgraph-bench-${kind}-${String(process.pid)}.db`) } };
    if (kind === 'apollo') {
      const woo = config.vendors.find((vendor) => vendor.platform === 'woocommerce');
      if (woo?.platform !== 'woocommerce') throw new Error('the apollo baseline needs a WooCommerce vendor in the config');
      server = await startApolloBaseline({ baseUrl: woo.baseUrl, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret });
    } else if (kind === 'naive') server = await startNaiveGateway(config, logger);
    else {
      // The simulators' purchase orders, as the demo entry supplies them (src/main.ts).
      const gateway = await startGateway(config, { port: 0, host: '127.0.0.1', logger, purchaseOrders: config.demo ? new DemoPurchaseOrders() : undefined });
      server = { url: gateway.url, close: () => gateway.close() };
    }
    return server.url;
  },
  usage: (): ServerUsage => {
    const usage = process.resourceUsage();
    return { cpuMicros: usage.userCPUTime + usage.systemCPUTime, rssBytes: process.memoryUsage.rss(), maxRssBytes: usage.maxRSS * 1024 };
  },
  stop: async () => {
    await server?.close();
    // Exit on the next turn so the answer reaches the parent; exit() also writes --cpu-prof output.
    setImmediate(() => process.exit(0));
  },
});

/** Plain node:http: reads the request and answers the trivial query's JSON, nothing else. */
async function startRawHopServer(): Promise<BenchServer> {
  const raw = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/graphql-response+json');
      response.end(TRIVIAL_ANSWER);
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((raw.address() as AddressInfo).port)}`,
    close: () => new Promise<void>((resolve, reject) => raw.close((error) => (error ? reject(error) : resolve()))),
  };
}
