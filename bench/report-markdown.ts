import type { BenchOptions } from './bench-options.ts';
import type { BenchResults, ScenarioResult, ServerRun } from './bench-results.ts';
import { headlineTargets, renderHeadline } from './report-headline.ts';

const TARGET_RSS_MIB = 250;
const TARGET_OVERHEAD_MS = 2;
const TARGET_CATALOG_RPS_RATIO = 1.5;
const TARGET_CATALOG_P99_VS_DIRECT = 2.5;

/** A call count: whole, or to two places when it is a mean. */
const calls = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
const n = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/** Gateway overhead at low load: its p50 one request at a time minus the critical-path bound. */
export function overheadMs(scenario: ScenarioResult): number | undefined {
  const gateway = scenario.servers.gateway;
  return gateway ? gateway.lowLoad.result.latencyMs.p50 - scenario.boundMs : undefined;
}

/**
 * The gateway's own time at low load, measured rather than modelled: its p50 one request at a time
 * minus the p50 of its own upstream requests sent straight to the vendors one operation at a time,
 * in the same stages with the same parallelism, over keep-alive pools like the gateway's (same
 * connection count, opened by a warm-up). It includes the client→gateway hop.
 */
export function ownTimeMs(scenario: ScenarioResult): number | undefined {
  const gateway = scenario.servers.gateway;
  return gateway?.replay ? gateway.lowLoad.result.latencyMs.p50 - gateway.replay.lowLoad.latencyMs.p50 : undefined;
}

export function renderMarkdown(results: BenchResults): string {
  const { machine, options, simulatedLatency: latency } = results;
  const lines: string[] = [
    '# stockgraph bench: gateway vs naive and hand-written Apollo baselines',
    '',
    `Run ${results.startedAt} on ${machine.cpuModel}, ${String(machine.cores)} cores, ${String(machine.memoryGiB)} GiB, Node ${machine.node} (${machine.platform}); ${n(results.wallSeconds, 0)} s wall.`,
    `Vendors: ${results.vendors.map((vendor) => `${vendor.id} (${vendor.platform})`).join(', ')}. Simulated vendor latency ${n(latency.meanMs, 0)} ms mean (uniform ${n(latency.minMs, 0)}–${n(latency.maxMs, 0)} ms).`,
    `Load: autocannon, ${String(options.connections)} connections, ${String(options.durationSeconds)} s per scenario per server; low-load figures: ${String(options.lowLoadRequests)} requests one at a time (the headline: ${String(options.headlineLowLoadRequests)}), after as many unmeasured.`,
    `Gateway listings: ${LISTING_READS_TEXT[options.listingReads]}. Gateway executor: ${options.executor ?? 'http.executor as configured'}.`,
    '',
    '| scenario | server | req/s | p50 ms | p95 ms | p99 ms | upstream/op (1 at a time) | upstream/op (under load) | floor calls (depth) | CPU % | peak RSS MiB | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of results.scenarios) {
    if (scenario.skipped) {
      lines.push(`| ${scenario.name} | – | ${scenario.skipped} | | | | | | ${calls(scenario.floor.calls)} (${String(scenario.floor.depth)}) | | | |`);
      continue;
    }
    for (const [kind, run] of Object.entries(scenario.servers) as Array<[string, ServerRun]>) {
      const load = run.load.result;
      lines.push(
        `| ${scenario.name} | ${kind} | ${n(load.requestsPerSecond, 0)} | ${n(load.latencyMs.p50)} | ${n(load.latencyMs.p95)} | ${n(load.latencyMs.p99)} | ${n(run.lowLoad.upstream.total, 2)} | ${n(run.load.upstream.total, 2)} | ${calls(scenario.floor.calls)} (${String(scenario.floor.depth)}) | ${n(run.load.cpuPercent, 0)} | ${n(run.load.peakRssMiB, 0)} | ${errorsOf(run)} |`,
      );
    }
  }
  if (results.direct) {
    const direct = results.direct.result;
    lines.push(`| direct | ${results.direct.description} | ${n(direct.requestsPerSecond, 0)} | ${n(direct.latencyMs.p50)} | ${n(direct.latencyMs.p95)} | ${n(direct.latencyMs.p99)} | 1 | 1 | 1 (1) | | | ${String(direct.non2xx + direct.errors)} |`);
  }

  lines.push(...renderHeadline(results));

  lines.push('', '## Gateway / naive, and the lower bound', '');
  lines.push(
    'Low load = one request at a time. The bound is the issue\'s model (floor depth × mean simulated latency). The replay sends the gateway\'s own upstream requests for one operation straight to the simulators, one operation at a time, in the same stages with the same parallelism, over keep-alive pools like the gateway\'s (same connection count, warmed up first); its p50 is the vendors\' part measured, simulator processing and the slowest of parallel calls included. Own overhead is given two ways: own ms = gateway p50 − replay p50 (latency the gateway adds, client hop included); gateway CPU ms/op = the gateway process\'s CPU time (process.cpuUsage, user + system) over the sequential requests divided by their number (everything it spends per operation, nothing subtracted).',
    '',
  );
  lines.push('| scenario | req/s ratio | p50 ratio | p99 ratio | upstream/op ratio | bound ms | gateway p50 at low load | overhead ms (p50 − bound) | replay p50 ms | own ms (p50 − replay p50) | vendors busy ms/op | gateway CPU ms/op |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const scenario of results.scenarios) {
    const { gateway, naive } = scenario.servers;
    if (!gateway || !naive) continue;
    const g = gateway.load.result;
    const b = naive.load.result;
    lines.push(
      `| ${scenario.name} | ${n(g.requestsPerSecond / b.requestsPerSecond, 2)}× | ${n(g.latencyMs.p50 / b.latencyMs.p50, 2)}× | ${n(g.latencyMs.p99 / b.latencyMs.p99, 2)}× | ${n(gateway.lowLoad.upstream.total / naive.lowLoad.upstream.total, 3)}× | ${n(scenario.boundMs)} | ${n(gateway.lowLoad.result.latencyMs.p50)} | ${n(overheadMs(scenario))} | ${n(gateway.replay?.lowLoad.latencyMs.p50)} | ${n(ownTimeMs(scenario))} | ${n(gateway.lowLoad.upstreamBusyMsPerOp)} | ${n(gateway.lowLoad.cpuMsPerOp, 2)} |`,
    );
  }

  const replayed = results.scenarios.filter((scenario) => scenario.servers.gateway?.replay);
  if (replayed.length > 0) {
    lines.push('', '## The vendors alone: the gateway\'s upstream requests replayed directly', '');
    lines.push('Each replayed operation sends all its own requests (nothing is shared between concurrent operations, unlike the gateway\'s listing single flight) over pools of the gateway\'s size.', '');
    lines.push(`| scenario | stages | req/s (${String(options.connections)} connections) | p50 ms | p99 ms | gateway p99 ms | gateway p99 / replay p99 |`);
    lines.push('|---|---|---:|---:|---:|---:|---:|');
    for (const scenario of replayed) {
      const gateway = scenario.servers.gateway;
      const replay = gateway?.replay;
      if (!gateway || !replay) continue;
      lines.push(
        `| ${scenario.name} | ${replay.description} | ${n(replay.load.requestsPerSecond, 0)} | ${n(replay.load.latencyMs.p50)} | ${n(replay.load.latencyMs.p99)} | ${n(gateway.load.result.latencyMs.p99)} | ${n(gateway.load.result.latencyMs.p99 / replay.load.latencyMs.p99, 2)}× |`,
      );
    }
  }

  lines.push('', '## Upstream requests per operation by vendor endpoint (one at a time)', '');
  for (const scenario of results.scenarios) {
    for (const [kind, run] of Object.entries(scenario.servers) as Array<[string, ServerRun]>) {
      const parts = Object.entries(run.lowLoad.upstream.byVendorOperation).flatMap(([vendorId, operations]) =>
        Object.entries(operations).map(([operation, perOp]) => `${vendorId} ${operation}: ${n(perOp, 2)}`),
      );
      lines.push(`- ${scenario.name} / ${kind}: ${parts.join('; ') || 'none'}`);
    }
  }

  lines.push('', '## Targets', '', '| target | measured | met |', '|---|---|---|');
  for (const target of targets(results)) lines.push(`| ${target.name} | ${target.measured} | ${target.met === null ? 'n/a' : target.met ? 'yes' : '**no**'} |`);
  if (results.mcp) {
    const mcp = results.mcp;
    lines.push(
      '',
      '## MCP overhead: get_stock vs the same GraphQL operation',
      '',
      `${String(mcp.skus)} SKUs, ${String(mcp.pairs)} request pairs one at a time (GraphQL, then MCP \`tools/call\`), both served from the read cache after a warm-up.`,
      '',
      '| p50 GraphQL ms | p50 MCP ms | difference ms | paired difference p50 ms | target ms | within | errors |',
      '|---:|---:|---:|---:|---:|---|---:|',
      `| ${n(mcp.graphqlP50Ms, 2)} | ${n(mcp.mcpP50Ms, 2)} | ${n(mcp.differenceP50Ms, 2)} | ${n(mcp.pairedDifferenceP50Ms, 2)} | ${String(mcp.targetMs)} | ${mcp.differenceP50Ms <= mcp.targetMs ? 'yes' : 'no'} | ${String(mcp.errors)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function errorsOf(run: ServerRun): string {
  const load = run.load.result;
  const count = load.non2xx + load.errors + load.withErrors;
  return run.checkError ? `${String(count)} (${run.checkError.slice(0, 80)})` : String(count);
}

interface TargetCheck {
  readonly name: string;
  readonly measured: string;
  readonly met: boolean | null;
}

export function targets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const scenario of results.scenarios) {
    const gateway = scenario.servers.gateway;
    if (!gateway) continue;
    const measured = gateway.lowLoad.upstream.total;
    checks.push({
      name: `${scenario.name}: upstream/op at the vendor floor (${calls(scenario.floor.calls)})`,
      measured: n(measured, 2),
      met: measured <= scenario.floor.calls + 1e-9,
    });
  }
  const catalog = results.scenarios.find((scenario) => scenario.name === 'catalog');
  const { gateway, naive } = catalog?.servers ?? {};
  if (gateway && naive) {
    const ratio = gateway.load.result.requestsPerSecond / naive.load.result.requestsPerSecond;
    checks.push({ name: `catalog: req/s ≥ ${String(TARGET_CATALOG_RPS_RATIO)}× naive`, measured: `${n(ratio, 2)}×`, met: ratio >= TARGET_CATALOG_RPS_RATIO });
  }
  if (gateway && results.direct) {
    const ratio = gateway.load.result.latencyMs.p99 / results.direct.result.latencyMs.p99;
    checks.push({ name: `catalog: p99 ≤ ${String(TARGET_CATALOG_P99_VS_DIRECT)}× direct p99`, measured: `${n(ratio, 2)}× (${n(gateway.load.result.latencyMs.p99)} vs ${n(results.direct.result.latencyMs.p99)} ms)`, met: ratio <= TARGET_CATALOG_P99_VS_DIRECT });
  }
  for (const scenario of results.scenarios) {
    const overhead = overheadMs(scenario);
    if (overhead === undefined) continue;
    checks.push({ name: `${scenario.name}: gateway overhead at low load ≤ ${String(TARGET_OVERHEAD_MS)} ms (p50 − bound)`, measured: `${n(overhead)} ms`, met: overhead <= TARGET_OVERHEAD_MS });
    const own = ownTimeMs(scenario);
    if (own !== undefined) {
      checks.push({ name: `${scenario.name}: gateway overhead at low load ≤ ${String(TARGET_OVERHEAD_MS)} ms (p50 − replay p50)`, measured: `${n(own)} ms`, met: own <= TARGET_OVERHEAD_MS });
    }
    const cpu = scenario.servers.gateway?.lowLoad.cpuMsPerOp;
    if (cpu !== undefined) {
      checks.push({ name: `${scenario.name}: gateway own CPU at low load ≤ ${String(TARGET_OVERHEAD_MS)} ms/op`, measured: `${n(cpu, 2)} ms`, met: cpu <= TARGET_OVERHEAD_MS });
    }
  }
  checks.push(...headlineTargets(results));
  const peak = results.serverPeakRssMiB.gateway;
  checks.push({ name: `gateway peak RSS ≤ ${String(TARGET_RSS_MIB)} MiB`, measured: `${n(peak, 0)} MiB`, met: peak === undefined ? null : peak <= TARGET_RSS_MIB });
  return checks;
}

const LISTING_READS_TEXT: Readonly<Record<BenchOptions['listingReads'], string>> = {
  on: 'single flight, as shipped (concurrent identical listings share one read; BENCH_LISTING_READS=off for each request reading for itself)',
  off: 'each request reads for itself (BENCH_LISTING_READS=off; the gateway ships with single flight)',
  cached: 'single flight plus a 5 s listing TTL (BENCH_LISTING_READS=cached; the gateway ships with single flight and no TTL)',
};
