import { parseArgs } from 'node:util';

/** What `npm run bench` measures and for how long; flags override BENCH_* environment variables. */
export interface BenchOptions {
  /** Seconds of load per scenario per server. */
  readonly durationSeconds: number;
  /** Concurrent connections of the load generator. */
  readonly connections: number;
  /** Mean simulated vendor latency, ms. */
  readonly latencyMs: number;
  /** Half-width of the uniform jitter around the mean, ms (20 ± 10 → 10..30 ms). */
  readonly jitterMs: number;
  /** Requests sent one at a time per scenario and server to measure exact upstream counts and low-load latency. */
  readonly lowLoadRequests: number;
  /**
   * The same for the headline (its servers and its replay): own ms at low load is the difference of
   * two medians of times spread by the simulators' 10–30 ms jitter (a page waits for the slowest of
   * 16 parallel answers and a chain of two), so 20 requests leave each median a standard error
   * near 1 ms, as large as the 2 ms target; 100 bring it near 0.45 ms.
   */
  readonly headlineLowLoadRequests: number;
  /** Scenario names to run (all when empty). */
  readonly scenarios: readonly string[];
  /** Write a V8 CPU profile of each server to <outDir>/profiles. */
  readonly cpuProfile: boolean;
  /** Where latest.json / latest.md (and profiles) go; null for bench/results. */
  readonly outDir: string | null;
  /** The gateway's listing reads: single flight as shipped (`on`), each request its own (`off`), or single flight plus a 5 s TTL (`cached`). */
  readonly listingReads: ListingReads;
  /** The gateway's `http.executor` (graphql-jit or graphql-js); null leaves the config's default. */
  readonly executor: BenchExecutor | null;
}

export const BENCH_EXECUTORS = ['jit', 'graphql-js'] as const;
export type BenchExecutor = (typeof BENCH_EXECUTORS)[number];

export const LISTING_READS = ['on', 'off', 'cached'] as const;
export type ListingReads = (typeof LISTING_READS)[number];

const HELP = `npm run bench -- [--duration 8] [--connections 10] [--latency 20] [--jitter 10]
                    [--low-load-requests 20] [--headline-low-load-requests 100] [--scenarios wooCatalog,catalog,productsBySku,hotProduct,setInventory,mcpGetStock]
                    (--scenario wooCatalog: the headline alone, with the Apollo baseline and the direct REST call) [--cpu-prof] [--out dir]
Environment: BENCH_DURATION, BENCH_CONNECTIONS, BENCH_LATENCY_MS, BENCH_JITTER_MS, BENCH_LOW_LOAD_REQUESTS, BENCH_HEADLINE_LOW_LOAD_REQUESTS, BENCH_SCENARIOS,
BENCH_SHOPIFY_RESTORE (the Shopify cost bucket restore rate, points/s; default 1000000 so the shop plan is not the bottleneck; 1000 = Plus),
BENCH_VENDOR_RATE_LIMITS=on (keep the gateway's per-vendor request-rate limits and bulkheads; off by default, the simulators have none),
BENCH_LISTING_READS=on|off|cached (listings: single flight as the gateway ships, the default; off: each request reads for itself; cached: single flight plus a 5 s listing TTL),
BENCH_EXECUTOR=jit|graphql-js (the gateway's http.executor; unset: the config's default).`;

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'low-load-requests': { type: 'string' },
      'headline-low-load-requests': { type: 'string' },
      scenarios: { type: 'string' },
      scenario: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  return {
    durationSeconds: positive('--duration', values.duration ?? env.BENCH_DURATION, 8),
    connections: positive('--connections', values.connections ?? env.BENCH_CONNECTIONS, 10),
    latencyMs: nonNegative('--latency', values.latency ?? env.BENCH_LATENCY_MS, 20),
    jitterMs: nonNegative('--jitter', values.jitter ?? env.BENCH_JITTER_MS, 10),
    lowLoadRequests: positive('--low-load-requests', values['low-load-requests'] ?? env.BENCH_LOW_LOAD_REQUESTS, 20),
    headlineLowLoadRequests: positive('--headline-low-load-requests', values['headline-low-load-requests'] ?? env.BENCH_HEADLINE_LOW_LOAD_REQUESTS, 100),
    scenarios: (values.scenarios ?? values.scenario ?? env.BENCH_SCENARIOS ?? '').split(',').map((name) => name.trim()).filter(Boolean),
    cpuProfile: values['cpu-prof'] ?? false,
    outDir: values.out ?? null,
    listingReads: listingReads(env.BENCH_LISTING_READS),
    executor: benchExecutor(env.BENCH_EXECUTOR),
  };
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: must be a positive number; got "${String(raw)}"`);
  return value;
}

function listingReads(raw: string | undefined): ListingReads {
  const value = raw ?? 'on';
  const known = LISTING_READS.find((mode) => mode === value);
  if (!known) throw new Error(`BENCH_LISTING_READS: must be one of ${LISTING_READS.join(', ')}; got "${value}"`);
  return known;
}

function benchExecutor(raw: string | undefined): BenchExecutor | null {
  if (raw === undefined || raw === '') return null;
  const known = BENCH_EXECUTORS.find((executor) => executor === raw);
  if (!known) throw new Error(`BENCH_EXECUTOR: must be one of ${BENCH_EXECUTORS.join(', ')}; got "${raw}"`);
  return known;
}

function nonNegative(name: string, raw: string | undefined, fallback: number): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}: must be a number ≥ 0; got "${String(raw)}"`);
  return value;
}
