import { mkdirSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GatewayConfig } from '../src/config/config-schema.ts';
import { CATALOG_PAGE_SIZE, discoverFixture } from './bench-fixture.ts';
import { parseBenchOptions, type BenchOptions } from './bench-options.ts';
import { SERVER_KINDS, type BenchResults, type ScenarioResult, type ServerKind, type ServerRun } from './bench-results.ts';
import { directListRequest } from './direct-request.ts';
import { measureHopFloor, type HopFloorResult } from './hop-floor.ts';
import { HostProcess } from './hosts/host-process.ts';
import type { ServerUsage } from './hosts/gateway-host.ts';
import { runLoad, type LoadResult } from './load-run.ts';
import { replayPlan, runReplay, type LoggedRequest } from './vendor-replay.ts';
import { machineInfo } from './machine-info.ts';
import { MCP_SCENARIO, measureMcpOverhead } from './mcp-overhead.ts';
import { GATEWAY_NODE_FLAGS, PRODUCTION_ENV } from './production-runtime.ts';
import { renderMarkdown } from './report-markdown.ts';
import { HEADLINE_SCENARIO, scenariosFor, type Scenario } from './scenarios.ts';
import { perOperation, totalOf, type UpstreamCounts, type UpstreamPerOperation } from './upstream-counts.ts';

/**
 * `npm run bench`: the simulators (one child process, with latency), the gateway and the naive
 * baseline (one child process each, so CPU and RSS are theirs alone), autocannon in this process.
 * Scenario by scenario, each server gets a one-at-a-time pass (exact upstream counts, low-load
 * latency) and a fixed-concurrency load; then one simulator's list endpoint is loaded directly.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** `.js` when this runs compiled from dist/ (as `npm run bench` does), `.ts` under tsx. */
const ownExtension = extname(fileURLToPath(import.meta.url));
const hostModule = (name: string) => here(`./hosts/${name}${ownExtension}`);
/** bench/results in the source tree, also when this runs from dist/bench. */
const DEFAULT_RESULTS_DIR = here(ownExtension === '.js' ? '../../bench/results' : './results');

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  const resultsDir = options.outDir ?? DEFAULT_RESULTS_DIR;
  const started = Date.now();
  const latency = simulatedLatency(options);
  const sandbox = HostProcess.start(hostModule('sandbox-host'), {
    execArgv: options.cpuProfile ? cpuProfileArgs(resultsDir, 'sandbox') : [],
    env: { ...PRODUCTION_ENV, BENCH_SIM_BASE_MS: String(latency.minMs), BENCH_SIM_JITTER_RANGE_MS: String(latency.maxMs - latency.minMs) },
  });
  const servers = new Map<ServerKind, { host: HostProcess; url: string }>();
  try {
    await sandbox.ready;
    const replayContext = await sandbox.call<ReplayContext>('describe');
    const { config } = replayContext;
    for (const kind of SERVER_KINDS) {
      const profile = options.cpuProfile ? cpuProfileArgs(resultsDir, kind) : [];
      // The naive baseline gets no production heap bound: at 64 connections its ~730 upstream calls
      // per productsBySku operation pile up past 192 MiB and it crashed, ending the whole run (with
      // either executor). It is a baseline, not what ships; its peak RSS is reported as measured.
      const heap = kind === 'naive' ? [] : GATEWAY_NODE_FLAGS;
      const host = HostProcess.start(hostModule('gateway-host'), { env: { ...PRODUCTION_ENV, BENCH_SERVER: kind, BENCH_LISTING_READS: options.listingReads, ...(options.executor ? { BENCH_EXECUTOR: options.executor } : {}) }, execArgv: [...heap, ...profile] });
      await host.ready;
      servers.set(kind, { host, url: await host.call<string>('start', config) });
    }
    const gatewayUrl = servers.get('gateway')?.url ?? '';
    const fixture = await discoverFixture(gatewayUrl, config);
    const run: BenchRun = {
      sandbox,
      options,
      replay: replayContext,
      maxLatencyMs: latency.maxMs,
      sequence: { next: 0 },
      probeBody: JSON.stringify({ query: 'query BenchProbe($skus: [String!]!) { productsBySku(skus: $skus) { id } }', variables: { skus: fixture.lookupSkus.slice(-1) } }),
    };
    console.log(`vendors: ${fixture.vendors.map((vendor) => vendor.id).join(', ')}; ${String(options.connections)} connections × ${String(options.durationSeconds)} s`);

    const scenarioResults: ScenarioResult[] = [];
    const scenariosByServer = new Map(SERVER_KINDS.map((kind) => [kind, scenariosFor(kind, fixture, `${String(started)}-${kind}`)]));
    const names = scenariosByServer.get('gateway')?.map((scenario) => scenario.name) ?? [];
    for (const name of names.filter((candidate) => options.scenarios.length === 0 || options.scenarios.includes(candidate))) {
      const runs: Partial<Record<ServerKind, ServerRun>> = {};
      let first: Scenario | undefined;
      for (const [kind, server] of servers) {
        const scenario = scenariosByServer.get(kind)?.find((candidate) => candidate.name === name);
        if (!scenario) continue;
        first ??= scenario;
        if (scenario.skipped) break;
        // The headline compares clients of one page: the simulators replay recorded answers so
        // that building the page in the simulator is not what is measured (simulator-server.ts).
        await sandbox.call('replay', name === HEADLINE_SCENARIO);
        runs[kind] = await runScenario(run, kind, scenario, server);
        const load = runs[kind].load.result;
        console.log(`${name} / ${kind}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.latencyMs.p50.toFixed(1)} ms, p99 ${load.latencyMs.p99.toFixed(1)} ms, upstream/op ${runs[kind].lowLoad.upstream.total.toFixed(2)}`);
      }
      if (!first) continue;
      if (first.skipped) console.log(`${name}: ${first.skipped}`);
      scenarioResults.push({ name, title: first.title, skipped: first.skipped, floor: first.floor, boundMs: first.floor.depth * latency.meanMs, servers: runs });
    }

    // The direct call reads the headline's page, replayed as the headline's servers had it.
    const directRequest = directListRequest(config.vendors, CATALOG_PAGE_SIZE);
    const replayDirect = scenarioResults.some((scenario) => scenario.name === HEADLINE_SCENARIO && !scenario.skipped);
    await sandbox.call('replay', replayDirect);
    const direct = directRequest
      ? {
          description: `${directRequest.description}${replayDirect ? ' (replayed)' : ''}`,
          result: await runLoad({ url: directRequest.url, headers: directRequest.headers, connections: options.connections, durationSeconds: options.durationSeconds }),
        }
      : null;
    await sandbox.call('replay', false);
    if (direct) console.log(`direct ${direct.description}: ${direct.result.requestsPerSecond.toFixed(0)} req/s, p99 ${direct.result.latencyMs.p99.toFixed(1)} ms`);

    // What a round trip that does no work costs here (own ms at low load includes one; the replay none).
    const hopFloor = replayDirect ? await measureServerHopFloor(servers, options) : null;
    if (hopFloor) console.log(`hop floor ({ __typename } one at a time, ${String(hopFloor.pauseMs)} ms apart): ${Object.entries(hopFloor.p50Ms).map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')} ms p50`);

    // get_stock through MCP vs the same GraphQL operation, one request at a time (README, "Benchmark").
    const mcp = options.scenarios.length === 0 || options.scenarios.includes(MCP_SCENARIO) ? await measureMcpOverhead(gatewayUrl, fixture.lookupSkus, options.lowLoadRequests * 10) : null;
    if (mcp) console.log(`${MCP_SCENARIO}: p50 GraphQL ${mcp.graphqlP50Ms.toFixed(2)} ms, MCP ${mcp.mcpP50Ms.toFixed(2)} ms, difference ${mcp.differenceP50Ms.toFixed(2)} ms (target ≤ ${String(mcp.targetMs)} ms)`);

    const serverPeakRssMiB: Partial<Record<ServerKind, number>> = {};
    for (const [kind, server] of servers) serverPeakRssMiB[kind] = (await server.host.call<ServerUsage>('usage')).maxRssBytes / 1024 ** 2;
    const results: BenchResults = {
      startedAt: new Date(started).toISOString(),
      machine: machineInfo(),
      options,
      vendors: fixture.vendors.map((vendor) => ({ id: vendor.id, platform: vendor.platform })),
      simulatedLatency: latency,
      scenarios: scenarioResults,
      direct,
      mcp,
      serverPeakRssMiB,
      hopFloor,
      wallSeconds: (Date.now() - started) / 1000,
    };
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(`${resultsDir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
    const markdown = renderMarkdown(results);
    writeFileSync(`${resultsDir}/latest.md`, markdown);
    console.log(`\n${markdown}\nwritten: ${resultsDir}/latest.json, ${resultsDir}/latest.md`);
  } finally {
    await Promise.all([...servers.values()].map((server) => server.host.stop()));
    await sandbox.stop();
  }
}

/**
 * The hop floor (bench/hop-floor.ts) on plain node:http, the hand-written Apollo baseline and the
 * gateway, paused the simulated mean latency apart as a page's upstream wait idles the servers.
 */
async function measureServerHopFloor(servers: ReadonlyMap<ServerKind, { url: string }>, options: BenchOptions): Promise<HopFloorResult> {
  const raw = HostProcess.start(hostModule('gateway-host'), { env: { ...PRODUCTION_ENV, BENCH_SERVER: 'raw' }, execArgv: GATEWAY_NODE_FLAGS });
  try {
    await raw.ready;
    const targets = [{ name: 'raw node:http', origin: await raw.call<string>('start', {}) }];
    for (const kind of ['apollo', 'gateway'] as const) {
      const server = servers.get(kind);
      if (server) targets.push({ name: kind, origin: server.url });
    }
    return await measureHopFloor(targets, { requests: options.headlineLowLoadRequests, pauseMs: options.latencyMs });
  } finally {
    await raw.stop();
  }
}

/** What a replay of the vendors' part needs: the config's credentials and where each simulator listens. */
interface ReplayContext {
  readonly config: GatewayConfig;
  readonly simulators: Readonly<Record<string, string>>;
}

/**
 * The vendors' part of one operation, measured without the server: one operation's upstream
 * requests are recorded, then sent directly in the same stages, one at a time and under load.
 */
async function replayUpstream(
  request: { url: string; headers: Record<string, string> },
  body: () => string,
  sandbox: HostProcess,
  context: ReplayContext,
  options: BenchOptions,
  lowLoadRequests: number,
): Promise<ServerRun['replay']> {
  await sandbox.call('clear');
  await fetch(request.url, { method: 'POST', headers: request.headers, body: body() }).then((response) => response.text());
  const plan = replayPlan(await sandbox.call<LoggedRequest[]>('log'), context.config.vendors, context.simulators);
  if (!plan) return undefined;
  const lowLoad = await runReplay(plan, { connections: 1, amount: lowLoadRequests, warmUp: lowLoadRequests });
  const load = await runReplay(plan, { connections: options.connections, durationSeconds: options.durationSeconds, warmUp: 1 });
  await sandbox.call('clear');
  return { description: plan.description, requests: plan.requests, lowLoad, load };
}

/** What every scenario run of one bench shares. */
interface BenchRun {
  readonly sandbox: HostProcess;
  readonly options: BenchOptions;
  readonly replay: ReplayContext;
  /** The slowest simulated answer, ms (how long to wait for stragglers). */
  readonly maxLatencyMs: number;
  /** Request numbering across runs (writes vary keys and targets per request). */
  readonly sequence: { next: number };
  /** A lookup every vendor answers (a SKU they all carry): lets a half-open circuit of any vendor probe. */
  readonly probeBody: string;
}

async function runScenario(run: BenchRun, kind: ServerKind, scenario: Scenario, server: { host: HostProcess; url: string }): Promise<ServerRun> {
  const { sandbox, options, maxLatencyMs, sequence, probeBody } = run;
  const url = `${server.url}/graphql`;
  const lowLoadRequests = lowLoadRequestsOf(options, scenario.name);
  const request = { url, method: 'POST' as const, headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' } };
  const body = () => scenario.body(sequence.next++);

  // The hand-written baseline has no circuits (and no /ready) to wait for.
  if (kind !== 'apollo') {
    await untilCircuitsClose(server.url, async () => {
      await fetch(url, { method: 'POST', headers: request.headers, body: probeBody }).then((response) => response.text());
    });
  }
  const checkAnswer = await fetch(url, { method: 'POST', headers: request.headers, body: body() }).then((response) => response.json() as Promise<{ errors?: Array<{ message: string }> }>);
  const checkError = checkAnswer.errors?.[0]?.message ?? null;

  // Waits until no upstream request is still arriving: a previous run's abandoned operations
  // (client gone, calls queued behind budgets) must not be counted against this one.
  const settle = async () => {
    let last = -1;
    for (let attempt = 0; attempt < 60; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, maxLatencyMs + 200));
      const now = totalOf(await sandbox.call<UpstreamCounts>('counts'));
      if (now === last) return;
      last = now;
    }
  };
  // Warm-up, not measured: the first requests of a scenario pay for JIT compilation and cold caches.
  await runLoad({ ...request, body, connections: 1, amount: lowLoadRequests });
  await settle();
  await sandbox.call('clear');
  const lowBefore = await server.host.call<ServerUsage>('usage');
  const lowLoadResult = await runLoad({ ...request, body, connections: 1, amount: lowLoadRequests });
  const lowAfter = await server.host.call<ServerUsage>('usage');
  const lowLoadUpstream = await upstreamPerOperation(sandbox, lowLoadResult);
  const operations = Math.max(1, lowLoadResult.completed);
  const lowLoad = {
    result: lowLoadResult,
    upstream: lowLoadUpstream,
    upstreamBusyMsPerOp: (await sandbox.call<number>('busyMs')) / operations,
    cpuMsPerOp: (lowAfter.cpuMicros - lowBefore.cpuMicros) / 1000 / operations,
  };
  // The hand-written baseline's own requests are replayed too: its own ms at low load is the reference for the gateway's.
  const replay = (kind === 'gateway' || kind === 'apollo') && scenario.replayable ? await replayUpstream(request, body, sandbox, run.replay, options, lowLoadRequests) : undefined;

  await sandbox.call('clear');
  const before = await server.host.call<ServerUsage>('usage');
  let peakRss = before.rssBytes;
  const sampler = setInterval(() => {
    void server.host.call<ServerUsage>('usage').then((usage) => {
      peakRss = Math.max(peakRss, usage.rssBytes);
    });
  }, 250);
  const started = process.hrtime.bigint();
  const loadResult = await runLoad({ ...request, body, connections: options.connections, durationSeconds: options.durationSeconds });
  const wallMicros = Number(process.hrtime.bigint() - started) / 1000;
  clearInterval(sampler);
  const after = await server.host.call<ServerUsage>('usage');
  await settle();
  const loadUpstream = await upstreamPerOperation(sandbox, loadResult);
  return {
    lowLoad,
    ...(replay ? { replay } : {}),
    load: {
      result: loadResult,
      upstream: loadUpstream,
      cpuPercent: ((after.cpuMicros - before.cpuMicros) / wallMicros) * 100,
      peakRssMiB: Math.max(peakRss, after.rssBytes) / 1024 ** 2,
    },
    checkError,
  };
}

/**
 * Waits (up to 60 s) until the server reports every vendor circuit CLOSED on /ready, probing with
 * `probe` while one is not: a previous run may have overloaded a shared simulator (the naive
 * baseline's fan-out does) and left a breaker open, which must not count against this run.
 */
async function untilCircuitsClose(serverUrl: string, probe: () => Promise<void>): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ready = (await fetch(`${serverUrl}/ready`).then((response) => response.json())) as { vendors?: Array<{ id: string; circuit: string; lastError: string | null }> };
    const open = (ready.vendors ?? []).filter((vendor) => vendor.circuit !== 'CLOSED');
    if (open.length === 0) return;
    if (Date.now() - started > 60_000) throw new Error(`circuits still open after 60 s: ${open.map((vendor) => `${vendor.id} (${String(vendor.lastError)})`).join(', ')}`);
    console.log(`waiting for circuits to close: ${open.map((vendor) => `${vendor.id} ${vendor.circuit} (last error: ${String(vendor.lastError)})`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await probe().catch(() => undefined);
  }
}

async function upstreamPerOperation(sandbox: HostProcess, result: LoadResult): Promise<UpstreamPerOperation> {
  return perOperation(await sandbox.call<UpstreamCounts>('counts'), result.completed);
}

/** Requests one at a time (after as many unmeasured) for a scenario: more for the headline (bench-options.ts). */
function lowLoadRequestsOf(options: Pick<BenchOptions, 'lowLoadRequests' | 'headlineLowLoadRequests'>, scenario: string): number {
  return scenario === HEADLINE_SCENARIO ? options.headlineLowLoadRequests : options.lowLoadRequests;
}

/**
 * Node flags that write V8 CPU profiles of one bench process to bench/results/profiles/<name>/,
 * one file per thread (tsx's loader runs on its own thread; the largest file is the main one).
 */
function cpuProfileArgs(resultsDir: string, name: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${resultsDir}/profiles/${name}`];
}

/** "20 ± 10 ms" as the simulators take it: a base plus uniform jitter. */
function simulatedLatency(options: BenchOptions): BenchResults['simulatedLatency'] {
  const half = Math.min(options.jitterMs, options.latencyMs);
  return { meanMs: options.latencyMs, minMs: options.latencyMs - half, maxMs: options.latencyMs + half };
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
