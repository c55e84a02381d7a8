import { startDemoSandbox } from '../../src/sandbox/start-demo-sandbox.ts';
import { clearUpstream, countUpstream, upstreamBusyMs } from '../upstream-counts.ts';
import type { LoggedRequest } from '../vendor-replay.ts';
import { serveHost } from './host-process.ts';

/**
 * Bench child process that runs the demo sandbox's simulators with the latency the parent asks
 * for (`BENCH_SIM_BASE_MS`, `BENCH_SIM_JITTER_RANGE_MS`: every answer waits latency + uniform [0, jitter] ms).
 * Whatever vendors demo mode starts, the bench measures: nothing here names a platform.
 */
const latencyMs = Number(process.env.BENCH_SIM_BASE_MS ?? 10);
const jitterMs = Number(process.env.BENCH_SIM_JITTER_RANGE_MS ?? 20);
// The bench measures the gateway, not a shop's plan: by default the Shopify cost bucket is large
// enough never to be the bottleneck (BENCH_SHOPIFY_RESTORE=1000 reproduces a Plus shop's limit).
const restoreRate = Number(process.env.BENCH_SHOPIFY_RESTORE ?? 1_000_000);
const sandbox = await startDemoSandbox(process.env, {
  faults: { latencyMs, latencyJitterMs: jitterMs },
  shopifyBucket: { maximumAvailable: restoreRate * 10, restoreRate },
});

serveHost({
  describe: () => ({ config: sandbox.config, simulators: sandbox.simulators }),
  /** The simulators' clock origin: their log's performance.now() times + this = wall time (bench/low-load-gaps.ts). */
  timeOrigin: () => performance.timeOrigin,
  counts: () => countUpstream(sandbox.servers),
  busyMs: () => upstreamBusyMs(sandbox.servers),
  log: (): LoggedRequest[] =>
    Object.entries(sandbox.servers).flatMap(([vendorId, server]) =>
      server.requestLog.map(({ method, path, query, body, receivedAt, answeredAt }) => ({ vendorId, method, path, query, body, receivedAt, answeredAt })),
    ),
  clear: () => clearUpstream(sandbox.servers),
  /** Replay mode on every simulator (src/sandbox/simulator-server.ts): GET answers recorded once, then replayed. */
  replay: (on) => {
    for (const server of Object.values(sandbox.servers)) server.setReplay(on === true);
  },
  stop: async () => {
    await sandbox.close();
    setImmediate(() => process.exit(0));
  },
});
